import type { Caller } from '@c360/auth';

/**
 * Field-level access rules, read from two directives every subgraph declares in its schema:
 *   @access(roles: [...])   on a type or field: only these roles may read it; others get FORBIDDEN,
 *                            or with `mask: true` a masked value (the field is about a customer they may see).
 *   @personal(purpose: "…") on a field: personal data, shown in full only to roles cleared for it;
 *                            others who may see the customer get a masked value, not an error.
 */
export interface FieldRule {
  /** Roles that may read the field at all; undefined: every role but partner on root fields, everyone elsewhere. */
  roles?: readonly string[];
  /** Set when the field holds personal data; the consent purpose that lets a marketer see it. */
  personalPurpose?: string;
  /** @access(mask: true): roles not listed get a masked value instead of an error. */
  maskOthers?: boolean;
  /** Root fields (Query, Mutation) are closed to partners unless listed: partners get their subscriptions only. */
  isRoot: boolean;
}

export type FieldDecision = 'allow' | 'mask' | 'forbid';
export type PersonalDecision = Exclude<FieldDecision, 'forbid'>;

/** What is known about the customer a personal field belongs to, per request. */
export interface PersonalFieldFacts {
  /** The customer the value belongs to; undefined when the field was reached without one. */
  customerId?: string;
  /** The first customer a support caller opened in this operation. */
  supportCustomerId?: string;
  /** Whether the customer's consent allows the field's purpose (asked only for marketers). */
  consentGranted: () => Promise<boolean>;
}

export function mayReach(caller: Caller, rule: FieldRule): boolean {
  if (rule.roles) return caller.roles.some((role) => rule.roles?.includes(role));
  return !(rule.isRoot && caller.roles.every((role) => role === 'partner'));
}

/**
 * Who sees personal data: service and compliance always; support one customer per operation;
 * marketers where the customer's consent allows the purpose (fail closed: no answer, no data);
 * analysts and partners never (analysts work on aggregates; partners get what their registration allows).
 * Answers at once unless consent must be asked, so fields that need no lookup stay synchronous.
 */
export function personalDecision(caller: Caller, facts: PersonalFieldFacts): PersonalDecision | Promise<PersonalDecision> {
  if (caller.roles.includes('service') || caller.roles.includes('compliance')) return 'allow';
  if (caller.roles.includes('support') && facts.customerId && facts.customerId === (facts.supportCustomerId ?? facts.customerId)) return 'allow';
  if (caller.roles.includes('marketer') && facts.customerId) {
    try {
      return facts.consentGranted().then(
        (granted) => (granted ? 'allow' : 'mask'),
        () => 'mask',
      );
    } catch {
      return 'mask';
    }
  }
  return 'mask';
}
