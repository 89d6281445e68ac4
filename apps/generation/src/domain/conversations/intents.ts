/** What a customer's message is about; the bot's answer, its governance request or its hand-over follows from it. */
export const INTENTS = [
  'order_status',
  'returns_refunds',
  'delivery',
  'account_login',
  'product_question',
  'consent_change',
  'data_access',
  'erasure',
  'complaint',
  'human',
  'greeting_thanks',
  'other',
] as const;
export type Intent = (typeof INTENTS)[number];

export function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value);
}

/** Intents that become a request to governance (created by the bot, carried out by compliance). */
export const GOVERNANCE_INTENTS = { consent_change: 'consent_change', data_access: 'access', erasure: 'erasure' } as const;
export type GovernanceRequestKind = (typeof GOVERNANCE_INTENTS)[keyof typeof GOVERNANCE_INTENTS];
