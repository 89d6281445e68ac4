/** What funnels, paths and cohorts read of a touchpoint: who, what, where, when. No personal data. */
export interface AnalyticsTouch {
  messageId: string;
  customerId: string;
  eventKey: string;
  channel: string;
  occurredAt: Date;
}

/** Touchpoints per customer in the store's order: occurrence time, then messageId. */
export function byCustomerInOrder(touches: readonly AnalyticsTouch[]): Map<string, AnalyticsTouch[]> {
  const sorted = [...touches].sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0),
  );
  const out = new Map<string, AnalyticsTouch[]>();
  for (const t of sorted) {
    const list = out.get(t.customerId);
    if (list) list.push(t);
    else out.set(t.customerId, [t]);
  }
  return out;
}
