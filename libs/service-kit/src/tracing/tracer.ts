import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ShutdownStep } from '../http-server';
import { tracesUrlOf, type TracingConfig } from './tracing-config';

/*
 * Spans are made by hand (HTTP server, GraphQL operation, job publish and process) rather than by the
 * auto-instrumentation packages: those record URLs, queries, statements and client addresses by default,
 * any of which can hold an email or a customer id, and each pulls in more dependencies. What a span
 * carries here is decided in this folder, and nothing personal is among it.
 */

const INSTRUMENTATION = '@c360/service-kit';

let registered = false;

/**
 * Whether a provider is registered. While it is not, the middlewares and job wrappers step aside
 * entirely (no no-op span, no context switch, no listener), so tracing left off costs nothing.
 */
export function isTracingOn(): boolean {
  return registered;
}

/** The tracer of the registered provider; the API's no-op tracer while tracing is off. */
export function tracer(): Tracer {
  // Asked for each time: a tracer kept from before a provider was replaced (tests do) would report to the old one.
  return trace.getTracer(INSTRUMENTATION);
}

export interface Tracing {
  /** Exports what is still buffered and unregisters the provider; last of the shutdown steps. */
  shutdownStep: ShutdownStep;
}

/**
 * Registers the process's tracer provider, the async-local context that makes a span current across
 * `await`, and W3C trace-context propagation. Tests pass an in-memory exporter's processor.
 */
export function registerTracing(service: string, processor: SpanProcessor): Tracing {
  const provider = new BasicTracerProvider({ resource: new Resource({ 'service.name': service }), spanProcessors: [processor] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  registered = true;
  const shutdown = async () => {
    registered = false;
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  };
  return { shutdownStep: { name: 'tracing', close: shutdown } };
}

/**
 * Tracing as the environment configures it: spans batched and sent over OTLP/HTTP when an endpoint is
 * set; otherwise nothing is registered and every span made here is the API's no-op.
 */
export function startTracing(service: string, config: TracingConfig): Tracing {
  const url = tracesUrlOf(config);
  if (!url) return { shutdownStep: { name: 'tracing', close: async () => undefined } };
  return registerTracing(config.OTEL_SERVICE_NAME ?? service, new BatchSpanProcessor(new OTLPTraceExporter({ url })));
}
