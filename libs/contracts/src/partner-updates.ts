import { z } from 'zod';

/**
 * customer.updated as a partner receives it (webhook body and subscription payload), after the
 * consent check and field minimisation in governance.
 */
export const partnerUpdateSchema = z.object({
  type: z.literal('customer.updated'),
  customerId: z.string(),
  /** Increases with every change; a partner drops any update older than one it already has. */
  version: z.number().int().nonnegative(),
  updatedAt: z.string(),
  mergedCustomerIds: z.array(z.string()).optional(),
  lastTouchpoint: z.object({ channel: z.string(), occurredAt: z.string() }).nullable().optional(),
});
export type PartnerUpdate = z.infer<typeof partnerUpdateSchema>;

/** Redis pub/sub channel carrying one partner's live updates from governance to the gateway's subscriptions. */
export function partnerUpdatesChannel(prefix: string, partnerId: string): string {
  return `${prefix}:partner-updates:${partnerId}`;
}
