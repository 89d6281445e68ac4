import { DelayedError, type Job } from 'bullmq';
import { EVENTS, INTERNAL_QUEUES, webhookDeliveryJobSchema } from '@c360/contracts';
import { readJobData, type Logger } from '@c360/service-kit';
import type { Counter } from 'prom-client';
import { fetch, type Dispatcher } from 'undici';
import type { DeliveryRepository, Delivery } from './delivery.repository';
import { signingSecrets, type Partner } from './partner';
import type { PartnerRepository } from './partner.repository';
import { retryDelayMs, type RetrySchedule } from './retry-schedule';
import { SecretDecryptionError, type SecretKeyring } from './secret-cipher';
import { webhookUrlProblem } from './webhook-address-policy';
import { WebhookAddressRefusedError } from './webhook-http-agent';
import { webhookHeaders } from './webhook-signature';

export interface DeliveryJob {
  deliveryId: string;
}

export interface WebhookDeliveryDeps {
  deliveries: DeliveryRepository;
  partners: PartnerRepository;
  schedule: RetrySchedule;
  timeoutMs: number;
  logger: Logger;
  keyring: SecretKeyring;
  /** The agent that refuses private addresses at connection time (webhook-http-agent.ts). */
  agent: Dispatcher;
  allowPrivateNetworks: boolean;
  outcomes?: Counter<'outcome' | 'status'>;
}

interface SendResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** How soon a delivery waiting for an earlier one of the same customer looks again. */
const ORDER_WAIT_MS = 200;

async function postpone(job: Job<DeliveryJob>, token: string | undefined, until: number): Promise<never> {
  await job.moveToDelayed(until, token);
  // Tells BullMQ the job was rescheduled, not failed: our own schedule counts attempts.
  throw new DelayedError();
}

/** The partner's signing secrets, opened; a value that does not open stops the delivery rather than sign with anything else. */
function openSigningSecrets(partner: Partner, keyring: SecretKeyring, logger: Logger): string[] | SendResult {
  try {
    return signingSecrets(partner, new Date()).map((sealed) => keyring.open(sealed, partner.id));
  } catch (err) {
    if (!(err instanceof SecretDecryptionError)) throw err;
    logger.error({ partnerId: partner.id, err: err.message }, 'webhook signing secret cannot be decrypted; check WEBHOOK_SECRET_ENCRYPTION_KEY(S_OLD)');
    return { ok: false, status: null, error: `signing secret cannot be decrypted: ${err.message}` };
  }
}

function refusal(err: unknown): WebhookAddressRefusedError | null {
  const cause = err instanceof Error ? err.cause : undefined;
  return cause instanceof WebhookAddressRefusedError ? cause : err instanceof WebhookAddressRefusedError ? err : null;
}

async function send(partner: Partner, url: string, delivery: Delivery, deps: WebhookDeliveryDeps): Promise<SendResult> {
  // The URL was checked at registration; checked again in case the policy has been tightened since.
  const problem = webhookUrlProblem(url, deps.allowPrivateNetworks);
  if (problem) return { ok: false, status: null, error: `refused: ${problem}` };
  const secrets = openSigningSecrets(partner, deps.keyring, deps.logger);
  if (!Array.isArray(secrets)) return secrets;
  const body = JSON.stringify(delivery.update);
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: webhookHeaders(secrets, delivery.webhookId, timestamp, body),
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.timeoutMs),
      dispatcher: deps.agent,
    });
    await res.body?.cancel();
    return { ok: res.status >= 200 && res.status < 300, status: res.status, error: res.ok ? null : `answered ${res.status}` };
  } catch (err) {
    const refused = refusal(err);
    if (refused) return { ok: false, status: null, error: `refused: ${refused.message}; private networks are not allowed (WEBHOOK_ALLOW_PRIVATE_NETWORKS)` };
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    return { ok: false, status: null, error: timedOut ? `no answer within ${deps.timeoutMs} ms` : 'connection failed' };
  }
}

/**
 * Delivers one update to one partner. Retries follow our schedule (exponential, jittered, over a
 * day by default) rather than BullMQ's attempts, and a later version of a customer waits for the
 * earlier one, so a partner gets each customer's updates in order even across failures.
 */
export function createWebhookDeliveryProcessor(deps: WebhookDeliveryDeps) {
  return async (job: Job<DeliveryJob>, token?: string): Promise<void> => {
    const delivery = await deps.deliveries.get(readJobData(INTERNAL_QUEUES.partnerWebhooks, webhookDeliveryJobSchema, job.data).deliveryId);
    if (!delivery || delivery.status !== 'pending') return;
    // Only a customer's profile updates form a sequence; a drop-off or a band change stands on its own.
    const earlier = delivery.event === EVENTS.customerUpdated ? await deps.deliveries.pendingBefore(delivery) : null;
    if (earlier) await postpone(job, token, Math.max(earlier.nextAttemptAt.getTime(), Date.now()) + ORDER_WAIT_MS);
    const partner = await deps.partners.signingPartner(delivery.partnerId);
    const attempts = delivery.attempts + 1;
    const result = partner?.webhookUrl ? await send(partner, partner.webhookUrl, delivery, deps) : { ok: false, status: null, error: 'partner has no webhook' };
    const now = new Date();
    const count = (outcome: string) => deps.outcomes?.inc({ outcome, status: result.status === null ? 'none' : `${Math.floor(result.status / 100)}xx` });
    if (result.ok) {
      count('delivered');
      await deps.deliveries.recordAttempt(delivery.id, {
        status: 'delivered',
        attempts,
        nextAttemptAt: now,
        lastError: null,
        lastStatusCode: result.status,
        deliveredAt: now,
      });
      return;
    }
    if (attempts >= deps.schedule.maxAttempts || !partner?.webhookUrl) {
      await deps.deliveries.recordAttempt(delivery.id, {
        status: 'dead',
        attempts,
        nextAttemptAt: now,
        lastError: result.error,
        lastStatusCode: result.status,
        deliveredAt: null,
      });
      count('dead');
      deps.logger.warn({ partnerId: delivery.partnerId, deliveryId: delivery.id, attempts }, 'webhook delivery dead-lettered');
      return;
    }
    count('retrying');
    const next = new Date(now.getTime() + retryDelayMs(deps.schedule, attempts, Math.random()));
    await deps.deliveries.recordAttempt(delivery.id, {
      status: 'pending',
      attempts,
      nextAttemptAt: next,
      lastError: result.error,
      lastStatusCode: result.status,
      deliveredAt: null,
    });
    await postpone(job, token, next.getTime());
  };
}
