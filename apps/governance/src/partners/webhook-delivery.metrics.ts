import { metricOn } from '@c360/service-kit';
import { Counter, type Registry } from 'prom-client';

/** Webhook attempts by outcome: delivered, retrying (failed, another attempt scheduled), dead (out of attempts). */
export function webhookDeliveryOutcomes(registry: Registry): Counter<'outcome' | 'status'> {
  return metricOn(
    registry,
    'c360_webhook_deliveries_total',
    () =>
      new Counter({
        name: 'c360_webhook_deliveries_total',
        help: "Partner webhook attempts by outcome (delivered, retrying, dead) and the partner's answer (2xx..5xx, or none)",
        labelNames: ['outcome', 'status'],
        registers: [registry],
      }),
  );
}
