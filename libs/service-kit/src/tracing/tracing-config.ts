import { z } from 'zod';

// An empty variable (as compose files and Helm values often leave it) means unset, not a bad URL.
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^https?$/ }).optional());

/**
 * The OpenTelemetry variables a service reads, with the meaning the OpenTelemetry specification gives
 * them; spread into every service's configuration. With no endpoint set, tracing is off and costs nothing.
 */
export const tracingConfigShape = {
  /** OTLP/HTTP collector base URL; traces go to `<endpoint>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  /** The traces URL itself, used as given; wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
  /** `service.name` of the spans; the service's own name when unset. */
  OTEL_SERVICE_NAME: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
};

export type TracingConfig = z.infer<z.ZodObject<typeof tracingConfigShape>>;

/** Where spans are exported, or undefined when tracing is off. */
export function tracesUrlOf(config: TracingConfig): string | undefined {
  if (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!config.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  return `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
}
