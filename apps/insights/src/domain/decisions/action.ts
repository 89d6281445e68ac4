import { CHANNELS, type Channel } from '@c360/contracts';
import { parseRule, RuleError } from './eligibility-rule';

export const ACTION_KINDS = ['offer', 'message'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** At most `max` decisions for this action per customer within `periodHours`, on `channel` (null: on any channel). */
export interface FrequencyCap {
  channel: Channel | null;
  max: number;
  periodHours: number;
}

/** An entry of the action catalogue, as a marketer defines it. */
export interface ActionDefinition {
  id: string;
  kind: ActionKind;
  name: string;
  channels: Channel[];
  /** Where it may be shown (home_banner, call_centre_script...); empty: any placement. */
  placements: string[];
  /** A rule in the eligibility language (eligibility-rule.ts); empty: everyone. */
  eligibility: string;
  /** Higher first: only actions of the highest priority any eligible action has are weighed against each other. */
  priority: number;
  caps: FrequencyCap[];
  startsAt: Date | null;
  endsAt: Date | null;
  active: boolean;
}

export class ActionDefinitionError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ActionDefinitionError';
  }
}

const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const MAX_CAP_HOURS = 366 * 24;

function check(ok: boolean, field: string, message: string): void {
  if (!ok) throw new ActionDefinitionError(field, message);
}

/** Checks a definition whole (the rule parsed, dates in order, caps bounded); returns it normalised. */
export function validateAction(input: ActionDefinition): ActionDefinition {
  check(SLUG.test(input.id), 'id', 'lower-case letters, digits, - and _, 1 to 64, starting with a letter or digit');
  check(ACTION_KINDS.includes(input.kind), 'kind', 'offer or message');
  const name = input.name.trim();
  check(name.length > 0 && name.length <= 200, 'name', '1 to 200 characters');
  const channels = [...new Set(input.channels)];
  check(channels.length > 0 && channels.every((c) => (CHANNELS as readonly string[]).includes(c)), 'channels', 'at least one known channel');
  const placements = [...new Set(input.placements.map((p) => p.trim()))];
  check(placements.length <= 20 && placements.every((p) => SLUG.test(p)), 'placements', 'up to 20 names of lower-case letters, digits, - and _');
  check(Number.isInteger(input.priority) && input.priority >= 0 && input.priority <= 1000, 'priority', 'an integer from 0 to 1000');
  check(input.caps.length <= 10, 'caps', 'at most 10');
  input.caps.forEach((cap, i) => {
    check(Number.isInteger(cap.max) && cap.max >= 1 && cap.max <= 1000, `caps[${i}].max`, 'an integer from 1 to 1000');
    check(Number.isInteger(cap.periodHours) && cap.periodHours >= 1 && cap.periodHours <= MAX_CAP_HOURS, `caps[${i}].periodHours`, `1 to ${MAX_CAP_HOURS}`);
    check(cap.channel === null || channels.includes(cap.channel), `caps[${i}].channel`, 'one of the action’s channels, or none for all');
  });
  for (const [field, date] of [['startsAt', input.startsAt] as const, ['endsAt', input.endsAt] as const])
    check(date === null || !Number.isNaN(date.getTime()), field, 'a valid date-time');
  check(!input.startsAt || !input.endsAt || input.startsAt < input.endsAt, 'endsAt', 'after startsAt');
  try {
    parseRule(input.eligibility);
  } catch (err) {
    if (err instanceof RuleError) throw new ActionDefinitionError('eligibility', err.message);
    throw err;
  }
  return { ...input, name, channels, placements, eligibility: input.eligibility.trim() };
}
