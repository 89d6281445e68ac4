import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Caller } from '@c360/auth';
import { DISCLOSURE_EXTENSION, limitedToOneCustomer } from '@c360/service-kit';
import { enforceOneCustomer, readDisclosures, type OneCustomerState } from './one-customer-rule';

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** One state per client operation: the gateway context object lives exactly as long as the operation. */
const states = new WeakMap<object, OneCustomerState>();

function stateOf(context: object): OneCustomerState {
  let state = states.get(context);
  if (!state) {
    state = {};
    states.set(context, state);
  }
  return state;
}

/**
 * Applies the one-customer rule to one subgraph's answer for a support caller, before the gateway
 * merges it. An answer with data but no readable report fails closed: a subgraph that does not say
 * what it released (an older build, a fault) could be releasing a second customer.
 */
export function guardSubgraphAnswer(caller: Caller | undefined, context: object, response: SubgraphResponse): SubgraphResponse {
  if (!caller || !limitedToOneCustomer(caller)) return response;
  const { [DISCLOSURE_EXTENSION]: report, ...extensions } = response.extensions ?? {};
  if (!response.data) return response;
  const disclosures = readDisclosures(report);
  if (!disclosures) {
    return {
      data: null,
      errors: [{ message: 'a service did not report the personal data it returned', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    } as SubgraphResponse;
  }
  enforceOneCustomer(stateOf(context), disclosures, response.data);
  return { ...response, extensions };
}
