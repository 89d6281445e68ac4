import type { ApolloServerPlugin } from '@apollo/server';
import type { Caller } from '@c360/auth';

/**
 * The contract between each subgraph and the gateway for the rule "support sees personal data of one
 * customer per operation". A subgraph sees only its part of an operation, so it can keep the rule
 * only within itself; it reports every personal value it released to a support caller, and the
 * gateway, which sees every part, masks those of any customer after the first (apps/gateway/src/access).
 *
 * The report rides in the subgraph response's `extensions` under DISCLOSURE_EXTENSION, is always
 * present (possibly empty) in answers to such a caller so the gateway can tell "nothing released"
 * from "not reported", and never reaches clients: the gateway does not forward subgraph extensions.
 */
export const DISCLOSURE_EXTENSION = 'c360PersonalDisclosures';

export interface PersonalDisclosure {
  /** Whose personal value this is. */
  customerId: string;
  /** Where the value is in this subgraph's response (response keys and list indexes). */
  path: (string | number)[];
  /** The value the subgraph would have answered had it masked the field (null, [], {} or "[masked]"). */
  masked: unknown;
}

/** Support callers without a broader role: the only ones the one-customer rule limits. */
export function limitedToOneCustomer(caller: Caller): boolean {
  return caller.roles.includes('support') && !caller.roles.includes('service') && !caller.roles.includes('compliance');
}

/**
 * Adds the disclosure report to every single-result answer for a limited caller. `disclosuresOf`
 * reads what field access recorded for the request's context.
 */
export function personalDisclosurePlugin(disclosuresOf: (context: object) => readonly PersonalDisclosure[]): ApolloServerPlugin<{ caller?: Caller }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (!contextValue.caller || !limitedToOneCustomer(contextValue.caller) || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [DISCLOSURE_EXTENSION]: disclosuresOf(contextValue) };
        },
      };
    },
  };
}
