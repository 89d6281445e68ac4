import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { INTERNAL_HEADER, InternalTokenSigner, type Caller } from '@c360/auth';
import { injectTraceHeaders } from '@c360/service-kit';
import { guardSubgraphAnswer } from './access/one-customer-answer';
import type { GatewayContext } from './context';

/** The gateway itself, when it fetches subgraph schemas outside any client request. */
const GATEWAY_CALLER: Caller = { subject: 'gateway', roles: ['service'], scopes: [] };

/** Forwards the verified caller to a subgraph as a signed internal token, and the trace context; nothing else crosses. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly signer: InternalTokenSigner,
    fetcher: RemoteGraphQLDataSource['fetcher'],
  ) {
    // The gateway sets no cache policy of its own, so subgraphs' cache-control headers are not read.
    super({ url, fetcher, honorSubgraphCacheControlHeader: false });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const caller = 'caller' in context && context.caller ? context.caller : GATEWAY_CALLER;
    request.http?.headers.set(INTERNAL_HEADER, await this.signer.sign(caller));
    // Called inside @apollo/gateway's fetch span, so the subgraph's spans become its children.
    if (request.http) injectTraceHeaders(request.http.headers);
  }

  // Subgraphs see only their part of an operation; rules that span the whole operation are kept here.
  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    return guardSubgraphAnswer('caller' in context ? context.caller : undefined, context, response);
  }
}
