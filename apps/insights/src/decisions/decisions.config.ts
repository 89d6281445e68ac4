import { z } from 'zod';

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0),
);
const FEATURE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Next-best-action settings, spread into insights' configuration schema. */
export const decisionsConfigShape = {
  /** Features the bandit weighs, in order (a bias term is added); from the customer's profile, else numeric context values. */
  NBA_FEATURES: list
    .refine((names) => names.length <= 32 && names.every((n) => FEATURE_NAME.test(n)), 'up to 32 feature names (letters, digits, _)')
    .default(['touches_log', 'recency', 'channel_count']),
  /** Share of customers kept as the control group, who are shown nothing. */
  NBA_HOLDOUT_SHARE: z.coerce.number().min(0).max(0.5).default(0.05),
  /** Changing it draws a new control group. */
  NBA_HOLDOUT_SALT: z.string().min(1).default('nba-holdout-1'),
  /** Thompson sampling's posterior scale v. */
  NBA_EXPLORATION: z.coerce.number().positive().max(10).default(0.5),
  /** Share of decisions made uniformly at random, which bounds every propensity below by ε/K. */
  NBA_EPSILON: z.coerce.number().min(0).max(0.5).default(0.02),
  /** Hours after a decision in which the customer's conversion counts as its reward; after it the reward is 0. */
  NBA_REWARD_WINDOW_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(72),
  /** Touchpoint events (event name, else type) that count as a conversion. */
  NBA_CONVERSION_EVENTS: list.refine((l) => l.length > 0, 'at least one event').default(['order_completed', 'purchase']),
  /** Consent purpose asked per channel before any action is considered there. */
  NBA_CONSENT_PURPOSE: z.string().min(1).default('marketing'),
  /** How often decisions whose window passed are closed with reward 0. */
  NBA_SWEEP_MS: z.coerce.number().int().min(200).default(30_000),
};
export type DecisionsConfig = { [K in keyof typeof decisionsConfigShape]: z.infer<(typeof decisionsConfigShape)[K]> };
