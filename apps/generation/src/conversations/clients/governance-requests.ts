import type { ConsentChange } from '../../domain/conversations/consent-request';
import type { GovernanceRequestKind } from '../../domain/conversations/intents';
import type { SubgraphClient } from './subgraph-client';

const SUBMIT = `mutation ($input: SubmitCustomerRequestInput!) { submitCustomerRequest(input: $input) { id status } }`;

/**
 * Requests to governance on the customer's behalf: recorded there for compliance to verify and carry
 * out. The bot never changes consent or touches data itself.
 */
export class GovernanceRequests {
  constructor(private readonly governance: SubgraphClient) {}

  /** Idempotent per key: a retried turn records one request. */
  async submit(request: {
    key: string;
    kind: GovernanceRequestKind;
    customerId: string;
    conversationId: string;
    consent: ConsentChange | null;
  }): Promise<string> {
    const input = {
      key: request.key,
      kind: request.kind.toUpperCase(),
      customerId: request.customerId,
      channel: 'chat',
      reference: request.conversationId,
      purpose: request.consent?.purpose.toUpperCase() ?? null,
      wantedStatus: request.consent?.wantedStatus.toUpperCase() ?? null,
    };
    const data = await this.governance.call<{ submitCustomerRequest: { id: string } }>(SUBMIT, { input });
    return data.submitCustomerRequest.id;
  }
}
