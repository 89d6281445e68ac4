import { z } from 'zod';

/**
 * customer.split: identity-graph undid a merge. `restoredCustomerId` exists again on its own, with
 * the customers that had been merged into it (`restoredLineage`); `assignments` says exactly which
 * touchpoints (by messageId) now belong to which customer, so stores relink them rather than guess.
 */
export const customerSplitEventSchema = z.object({
  splitId: z.string(),
  /** The customer the restored one had been merged into (its current survivor). */
  customerId: z.string(),
  restoredCustomerId: z.string(),
  restoredLineage: z.array(z.string()),
  assignments: z.array(z.object({ customerId: z.string(), messageIds: z.array(z.string()) })),
  splitAt: z.iso.datetime(),
});
export type CustomerSplitEvent = z.infer<typeof customerSplitEventSchema>;
