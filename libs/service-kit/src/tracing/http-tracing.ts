import { context, propagation, SpanKind, SpanStatusCode, trace, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import type { Request, RequestHandler, Response } from 'express';
import { isTracingOn, tracer } from './tracer';

/** Probes and scrapes: a span each would bury the requests worth seeing. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Set by a handler mounted with `app.use` (GraphQL), where express leaves no route on the request. */
const ROUTE_LOCAL = 'tracedRoute';

export function setTracedRoute(res: Response, route: string): void {
  res.locals[ROUTE_LOCAL] = route;
}

/** The route's template, never the path itself: a path may carry an id. Unmatched requests get none. */
function routeOf(req: Request, res: Response): string | undefined {
  const local = res.locals[ROUTE_LOCAL];
  if (typeof local === 'string') return local;
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : undefined;
}

/**
 * Reads `traceparent` only. `tracestate` is vendor data a client may fill with anything (an email
 * fits its grammar), nothing in c360 uses it, and the exporter would send it with every span.
 */
const traceparentOnly: TextMapGetter<Request['headers']> = {
  keys: () => ['traceparent'],
  get: (headers, key) => (key === 'traceparent' ? headers[key] : undefined),
};

/**
 * A server span per request, continuing the caller's trace when it sent `traceparent`, and current
 * while the request is handled. It records the method, route template and status only: no URL,
 * query string, headers or client address.
 */
export function traceHttpRequests(): RequestHandler {
  return (req, res, next) => {
    if (!isTracingOn() || UNTRACED_PATHS.has(req.path)) return next();
    const parent = propagation.extract(context.active(), req.headers, traceparentOnly);
    const span = tracer().startSpan(req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } }, parent);
    res.once('close', () => {
      const route = routeOf(req, res);
      if (route) {
        span.updateName(`${req.method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

const headersSetter: TextMapSetter<{ set(name: string, value: string): void }> = { set: (headers, key, value) => headers.set(key, value) };

/** Adds the current trace context (`traceparent`) to an outgoing request's headers; nothing while tracing is off. */
export function injectTraceHeaders(headers: { set(name: string, value: string): void }): void {
  propagation.inject(context.active(), headers, headersSetter);
}

/** The current trace context as plain headers, to spread into a `fetch` to another service; empty while tracing is off. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  if (isTracingOn()) propagation.inject(context.active(), headers);
  return headers;
}
