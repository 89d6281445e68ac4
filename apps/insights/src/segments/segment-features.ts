import type { FeatureMetadata } from '../domain/segments';

/** The features segments are clustered on, with the words a segment well above or below the population gets. */
export const SEGMENT_FEATURES: FeatureMetadata = {
  frequency_90d: { label: 'interactions in 90 days', high: 'very engaged', low: 'barely engaged', scale: 'log' },
  recency_days: { label: 'days since the last interaction', high: 'lapsed', low: 'recently active', scale: 'log' },
  purchases_total: { label: 'purchases', high: 'frequent buyers', low: 'rare buyers', scale: 'log' },
  monetary_total: { label: 'total spend', high: 'high value', low: 'low value', scale: 'log' },
  touches_90d_family_in_person: { label: 'in-person interactions', high: 'store and event goers', low: 'rarely in person', scale: 'log' },
  touches_90d_family_owned_digital: { label: 'web and app interactions', high: 'digital browsers', low: 'rarely online', scale: 'log' },
  touches_90d_family_messaging: { label: 'email interactions', high: 'email readers', low: 'email-quiet', scale: 'log' },
  support_contacts_90d: { label: 'support contacts', high: 'frequent support callers', low: 'no support needs', scale: 'log' },
  funnel_progress: { label: 'funnel progress', high: 'far along the funnel', low: 'early in the funnel' },
};
