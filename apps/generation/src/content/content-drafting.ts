import { randomUUID } from 'node:crypto';
import type { Caller } from '@c360/auth';
import type { ConsentClient } from '@c360/consent-client';
import type { CustomerIdentityView } from '@c360/service-kit';
import type { ChannelSpec, ContentChannel, ContentPurpose, VariantParts } from '../domain/content/content-channels';
import { fillPlaceholders, knownNameParts, minimise, type GroundingFact } from '../domain/content/grounding';
import { redactText } from '../domain/content/personal-data';
import { checkFinalOutput, checkShape, checkWriterOutput, type CheckContext, type CheckFailure, type TonePolicy } from '../domain/content/output-checks';
import { parseWriterAnswer, PROMPT_VERSION, type WriterRequest } from '../domain/content/prompt';
import { ACTION_ID, armsEventFor, DECISION_CHANNEL } from '../domain/content/content-arms';
import { autoApproved } from '../domain/content/review';
import { addUsage, NO_USAGE } from '../domain/content/usage-cost';
import { checkFailed, ContentError } from './content-errors';
import type { GatheredGrounding } from './grounding/customer-grounding';
import type { ContentArmsAnnouncer } from './content-arms.announcer';
import type { ContentDraft, ContentDraftRepository, TriggerKind } from './store/content-draft.repository';
import type { ContentWriter } from './writers/content-writer';

export interface ConsentRule {
  purpose: string;
  channel: string | null;
}

export interface DraftingPolicy {
  specs: Record<ContentChannel, ChannelSpec>;
  /** The consent a channel's marketing content needs (purpose `service` needs only personalisation). */
  marketingConsent: Record<ContentChannel, ConsentRule>;
  autoApprove: readonly string[];
  bannedPhrases: readonly string[];
  tone: TonePolicy;
  /** Attempts per draft, the first included; each refused attempt feeds its reasons to the next. */
  maxAttempts: number;
  brandName: string;
}

export interface DraftContentInput {
  customerId: string;
  channel: ContentChannel;
  purpose: ContentPurpose;
  brief: string;
  variants: number;
  /** The catalogue action the content carries; approved, its variants become that action's arms for this customer. */
  actionId?: string | null;
}

export interface DraftingDeps {
  drafts: ContentDraftRepository;
  identities: CustomerIdentityView;
  consent: Pick<ConsentClient, 'check'>;
  grounding: { gather(caller: Caller, customerId: string): Promise<GatheredGrounding> };
  writer: ContentWriter;
  policy: DraftingPolicy;
  announcer?: Pick<ContentArmsAnnouncer, 'announce'>;
}

export interface DraftOptions {
  /** Facts the trigger itself contributes (a drop-off's journey and step). */
  extraFacts?: GroundingFact[];
  trigger?: { kind: TriggerKind; eventId: string };
  /** A recovery's decision and the reason for its action (see recovery-action.ts). */
  recovery?: { decisionId: string | null; actionNote: string };
}

export const MAX_BRIEF = 2_000;

function validate(input: DraftContentInput): void {
  if (!Number.isInteger(input.variants) || input.variants < 1 || input.variants > 5) throw new ContentError('BAD_USER_INPUT', 'variants must be 1 to 5');
  if (!input.brief.trim() || input.brief.length > MAX_BRIEF) throw new ContentError('BAD_USER_INPUT', `brief must be 1 to ${MAX_BRIEF} characters`);
  if (!input.customerId.trim()) throw new ContentError('BAD_USER_INPUT', 'customerId is required');
  if (input.actionId !== undefined && input.actionId !== null) {
    if (!ACTION_ID.test(input.actionId))
      throw new ContentError('BAD_USER_INPUT', 'actionId: an action id of the catalogue (lower-case letters, digits, - and _)');
    if (!DECISION_CHANNEL[input.channel])
      throw new ContentError('BAD_USER_INPUT', `actionId: the action catalogue has no ${input.channel} channel, so this content cannot carry an action`);
  }
}

/** Drafts content for one customer: consent, grounding, minimisation, writing with checks, storage. */
export class ContentDrafting {
  constructor(private readonly deps: DraftingDeps) {}

  /** Personalisation always; and for marketing, the channel's marketing consent. Fails closed. */
  async requireConsent(customerId: string, channel: ContentChannel, purpose: ContentPurpose): Promise<void> {
    const rules: ConsentRule[] = [{ purpose: 'personalisation', channel: null }];
    if (purpose !== 'service') rules.push(this.deps.policy.marketingConsent[channel]);
    for (const rule of rules) {
      const answer = await this.deps.consent.check({ customerId, purpose: rule.purpose, channel: rule.channel });
      if (!answer.allowed)
        throw new ContentError(
          'CONSENT_REQUIRED',
          `the customer's consent does not allow ${rule.purpose}${rule.channel ? ` on ${rule.channel}` : ''} (${answer.reason})`,
          {
            purpose: rule.purpose,
            reason: answer.reason,
          },
        );
    }
  }

  async draft(caller: Caller, input: DraftContentInput, options: DraftOptions = {}): Promise<ContentDraft> {
    validate(input);
    const customerId = await this.deps.identities.survivorOf(input.customerId);
    await this.requireConsent(customerId, input.channel, input.purpose);
    const [gathered, groundedOnIds] = await Promise.all([this.deps.grounding.gather(caller, customerId), this.deps.identities.expand(customerId)]);
    const grounding = { ...gathered, facts: [...gathered.facts, ...(options.extraFacts ?? [])] };
    const minimised = minimise(grounding);
    const spec = this.deps.policy.specs[input.channel];
    const request: WriterRequest = {
      channel: input.channel,
      purpose: input.purpose,
      // A brief is a person's free text: whatever it says of the customer's contacts or names stays here.
      brief: redactText(input.brief, knownNameParts(grounding.personal), [...grounding.personal.emails, ...grounding.personal.phones]),
      variants: input.variants,
      spec,
      facts: minimised.modelFacts,
      placeholders: Object.keys(minimised.placeholders),
      offers: grounding.catalogueOffers,
      feedback: [],
    };
    const ctx: CheckContext = {
      spec,
      isSms: input.channel === 'sms',
      placeholders: request.placeholders,
      knownNames: knownNameParts(grounding.personal),
      allowedClaimTexts: [input.brief, ...grounding.catalogueOffers],
      bannedPhrases: this.deps.policy.bannedPhrases,
      tone: this.deps.policy.tone,
      allowedSalutationWords: [this.deps.policy.brandName],
    };
    const written = await this.writeChecked(request, ctx, minimised.placeholders);
    const now = new Date();
    const draft: ContentDraft = {
      id: options.trigger ? `${options.trigger.kind}:${options.trigger.eventId}` : randomUUID(),
      customerId,
      groundedOnIds,
      channel: input.channel,
      purpose: input.purpose,
      brief: input.brief,
      status: autoApproved(this.deps.policy.autoApprove, input.channel, input.purpose) ? 'approved' : 'pending_review',
      variants: written.variants,
      version: 1,
      versions: [{ version: 1, variants: written.variants, editedBy: this.deps.writer.provider, editedAt: now, note: null }],
      grounding: {
        facts: minimised.modelFacts,
        placeholders: request.placeholders,
        withheld: minimised.withheld,
        unavailable: gathered.unavailable,
        offers: grounding.catalogueOffers,
      },
      promptVersion: PROMPT_VERSION,
      provider: this.deps.writer.provider,
      model: this.deps.writer.model,
      usage: written.usage,
      costUsd: written.costUsd,
      attempts: written.attempts,
      trigger: options.trigger ?? { kind: 'request', eventId: null },
      createdBy: caller.subject,
      createdAt: now,
      updatedAt: now,
      review: null,
      actionId: input.actionId ?? null,
      decisionId: options.recovery?.decisionId ?? null,
      actionNote: options.recovery?.actionNote ?? null,
    };
    // An auto-approved draft carrying an action is announced as any approval is (stored with the draft, then published).
    draft.armsPending = armsEventFor(draft);
    const inserted = await this.deps.drafts.insert(draft);
    if (inserted && draft.armsPending) await this.deps.announcer?.announce(draft);
    return inserted ? draft : ((await this.deps.drafts.get(draft.id)) ?? draft);
  }

  private async writeChecked(request: WriterRequest, ctx: CheckContext, values: Partial<Record<string, string>>) {
    let usage = NO_USAGE;
    let costUsd = 0;
    let failures: CheckFailure[] = [];
    for (let attempt = 1; attempt <= this.deps.policy.maxAttempts; attempt++) {
      const answer = await this.deps.writer.write(
        { ...request, feedback: failures.map((f) => `${f.check}${f.variant ? ` (variant ${f.variant})` : ''}: ${f.reason}`) },
        request.purpose,
      );
      usage = addUsage(usage, answer.usage);
      costUsd += answer.costUsd;
      const result = checkAnswer(answer.text, request, ctx, values);
      if ('variants' in result) return { variants: result.variants, usage, costUsd: Math.round(costUsd * 1e6) / 1e6, attempts: attempt };
      failures = result.failures;
    }
    throw checkFailed(failures, this.deps.policy.maxAttempts);
  }
}

/** Every check on one answer: its shape, then the writer's text, then the text as it will be sent. */
export function checkAnswer(
  text: string,
  request: WriterRequest,
  ctx: CheckContext,
  values: Partial<Record<string, string>>,
): { variants: VariantParts[] } | { failures: CheckFailure[] } {
  const parsed = parseWriterAnswer(text);
  if (!parsed) return { failures: [{ check: 'FORMAT', variant: 0, reason: 'the answer was not the JSON asked for: {"variants":[...]}' }] };
  if (parsed.length !== request.variants)
    return { failures: [{ check: 'FORMAT', variant: 0, reason: `expected ${request.variants} variant(s), got ${parsed.length}` }] };
  const failures: CheckFailure[] = [];
  const filled = parsed.map((variant, i) => {
    failures.push(...checkShape(variant, ctx.spec, i + 1), ...checkWriterOutput(variant, ctx, i + 1));
    const out = Object.fromEntries(
      Object.entries(variant).map(([part, value]) => [part, fillPlaceholders(String(value), values).trim()]),
    ) as unknown as VariantParts;
    failures.push(...checkFinalOutput(out, ctx, i + 1));
    return out;
  });
  return failures.length ? { failures } : { variants: filled };
}
