/** Redis pub/sub channel carrying one partner's live updates to the gateway's subscriptions. */
export function partnerChannel(prefix: string, partnerId: string): string {
  return `${prefix}:partner-updates:${partnerId}`;
}
