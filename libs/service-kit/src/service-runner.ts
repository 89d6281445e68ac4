import { readFileSync } from 'node:fs';
import type { Worker } from 'bullmq';
import type { Express } from 'express';
import gql from 'graphql-tag';
import type { Registry } from 'prom-client';
import type { ConsentCheck } from './field-access';
import { createSubgraphMiddleware, mountGraphQL, type SubgraphResolvers } from './graphql-server';
import { closeServer, createHttpApp, listen, type ReadinessCheck, type ShutdownStep } from './http-server';
import type { Logger } from './logger';
import { finalErrorHandler, notFound } from './request-rejection';
import { mountMetrics } from './metrics';
import { graphqlOperationMetrics, httpRequestMetrics, queueMetrics } from './service-metrics';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS } from './config';
import { trackStartupResource } from './startup-guard';
import { abandonedTotal, drainWorkers, ShutdownTimedOut } from './worker-drain';

export interface ServiceParts {
  host: string;
  port: number;
  logger: Logger;
  internalTokenSecret: string;
  readiness: ReadinessCheck[];
  /** Path of the subgraph's schema.graphql; more than one when a module keeps its SDL in its own file. */
  schemaPath: string | string[];
  /** See SubgraphOptions.consentCheck. */
  consentCheck?: ConsentCheck;
  resolvers: SubgraphResolvers;
  /** Served at `/metrics`, with HTTP, GraphQL and queue metrics added (metrics.ts, service-metrics.ts). */
  metrics: Registry;
  /** Extra HTTP routes mounted before GraphQL (e.g. an ingest endpoint). */
  routes?: (app: Express) => void;
  workers: Worker[];
  /** Workers started while the service runs (one per partner registered later, say): drained at shutdown with the others. */
  laterWorkers?: () => Worker[];
  /** Drivers and queues, closed last, in order. */
  resources: ShutdownStep[];
  /** How long a closing server keeps serving (every answer closing its connection) before it stops listening; see closeServer. */
  shutdownDrainMs?: number;
  /** From the signal, how long the shutdown waits for the workers' running jobs before it leaves them to stalled-job recovery (config SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs?: number;
}

export interface RunningService {
  url: string;
  port: number;
  /** Closes the HTTP server, then drains workers, then closes drivers: the shutdown order of STYLE §7. */
  close: () => Promise<void>;
  shutdownSteps: ShutdownStep[];
}

/**
 * After the workers' deadline, what the drivers and queues may still take to close (each at least a
 * second) before the shutdown gives up on one and goes on: a driver waiting on a dead server must not
 * hold the process until the platform kills it.
 */
export const RESOURCE_GRACE_MS = 5_000;

async function closeWithin(step: ShutdownStep, cutoff: number): Promise<void> {
  if (!Number.isFinite(cutoff)) return void (await step.close());
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${step.name} did not close in time`)), Math.max(1_000, cutoff - Date.now()));
  });
  try {
    await Promise.race([step.close(), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runService(parts: ServiceParts): Promise<RunningService> {
  const app = createHttpApp(parts.readiness);
  mountMetrics(app, parts.metrics);
  app.use(httpRequestMetrics(parts.metrics));
  const closeQueueMetrics = queueMetrics(parts.metrics, parts.workers);
  parts.routes?.(app);
  const typeDefs = gql(
    [parts.schemaPath]
      .flat()
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n'),
  );
  const { server: apollo, middleware } = await createSubgraphMiddleware({
    typeDefs,
    resolvers: parts.resolvers,
    internalTokenSecret: parts.internalTokenSecret,
    logger: parts.logger,
    consentCheck: parts.consentCheck,
    plugins: [graphqlOperationMetrics(parts.metrics)],
  });
  trackStartupResource('graphql', () => apollo.stop());
  mountGraphQL(app, middleware);
  app.use(notFound);
  app.use(finalErrorHandler(parts.logger));
  const running = await listen(app, parts.host, parts.port);
  const timeoutMs = parts.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  // The budget runs from the first step, the signal's moment, as the platform's grace period does.
  let deadline = Number.POSITIVE_INFINITY;
  const shutdownSteps: ShutdownStep[] = [
    {
      name: 'http',
      close: () => {
        deadline = Date.now() + timeoutMs;
        return closeServer(running.server, parts.shutdownDrainMs, deadline);
      },
    },
    { name: 'graphql', close: () => apollo.stop() },
    {
      name: 'workers',
      close: async () => {
        const outcome = await drainWorkers([...parts.workers, ...(parts.laterWorkers?.() ?? [])], deadline);
        if (abandonedTotal(outcome) > 0) throw new ShutdownTimedOut(outcome);
      },
    },
    { name: 'queue metrics', close: closeQueueMetrics },
    ...parts.resources.map((step) => ({ name: step.name, close: () => closeWithin(step, deadline + RESOURCE_GRACE_MS) })),
  ];
  return {
    url: running.url,
    port: running.port,
    shutdownSteps,
    close: async () => {
      for (const step of shutdownSteps) await step.close();
    },
  };
}
