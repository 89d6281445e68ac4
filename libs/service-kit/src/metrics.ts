import type { Express } from 'express';
import { Registry } from 'prom-client';

/**
 * A registry of this process's own (not prom-client's global one, so several services started in one
 * test process never share metrics). Labels name queues and stages only, never a person.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  return registry;
}

/** `GET /metrics` in the Prometheus text format, beside /healthz and /readyz. */
export function mountMetrics(app: Express, registry: Registry): void {
  app.get('/metrics', async (_req, res, next) => {
    try {
      const body = await registry.metrics();
      res.setHeader('content-type', registry.contentType);
      res.send(body);
    } catch (err) {
      next(err);
    }
  });
}
