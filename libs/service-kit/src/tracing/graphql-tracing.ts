import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { setTracedRoute } from './http-tracing';
import { errorCodesOf } from './span-attributes';
import { isTracingOn, tracer } from './tracer';

/** Spans opened by `traceGraphQLOperations`, so the plugin names only its own and never an outer span. */
const operationSpans = new WeakSet<Span>();

const UNRESOLVED = 'GraphQL Operation';

/**
 * Opens the operation's span before the GraphQL server runs, so that everything the operation does
 * (resolvers, the gateway's subgraph fetches, jobs it queues) is its child; Apollo's plugin hooks
 * observe an operation but cannot make a span current around it. `graphqlOperationSpanPlugin` names it.
 */
export function traceGraphQLOperations(): RequestHandler {
  return (req, res, next) => {
    if (!isTracingOn()) return next();
    setTracedRoute(res, req.baseUrl || req.path);
    const span = tracer().startSpan(UNRESOLVED);
    operationSpans.add(span);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(trace.setSpan(context.active(), span), next);
  };
}

/**
 * Names the operation's span `<type> <name>` (`query CustomerJourney`) once the document is resolved,
 * and marks it failed with the errors' codes. The document, variables and error messages are left
 * out: each may hold what the client asked about.
 */
export function graphqlOperationSpanPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const span = trace.getActiveSpan();
      if (!span || !operationSpans.has(span)) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          const type = operation.operation;
          span.updateName(operationName ? `${type} ${operationName}` : type);
          span.setAttribute('graphql.operation.type', type);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
        },
        async didEncounterErrors({ errors }) {
          span.setAttribute('graphql.error.codes', errorCodesOf(errors));
          span.setStatus({ code: SpanStatusCode.ERROR });
        },
      };
    },
  };
}
