/** One touch of a journey as touchpoint-store's anonymousJourneys gives it: no one is named. */
export interface JourneyTouch {
  at: Date;
  event: string;
  channel: string;
  campaign: string | null;
}

/** One customer's touches in a range, without who they are. */
export interface AnonymousJourney {
  firstSeenAt: Date;
  firstChannel: string;
  touches: JourneyTouch[];
}
