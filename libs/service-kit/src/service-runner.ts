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
  /** Drivers and queues, closed last, in order. */
  resources: ShutdownStep[];
  /** How long a closing server keeps serving (every answer closing its connection) before it stops listening; see closeServer. */
  shutdownDrainMs?: number;
}

export interface RunningService {
  url: string;
  port: number;
  /** Closes the HTTP server, then drains workers, then closes drivers: the shutdown order of STYLE §7. */
  close: () => Promise<void>;
  shutdownSteps: ShutdownStep[];
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
  mountGraphQL(app, middleware);
  app.use(notFound);
  app.use(finalErrorHandler(parts.logger));
  const running = await listen(app, parts.host, parts.port);
  const shutdownSteps: ShutdownStep[] = [
    { name: 'http', close: () => closeServer(running.server, parts.shutdownDrainMs) },
    { name: 'graphql', close: () => apollo.stop() },
    ...parts.workers.map((w) => ({ name: `worker ${w.name}`, close: () => w.close() })),
    { name: 'queue metrics', close: closeQueueMetrics },
    ...parts.resources,
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
