import { z } from 'zod';
import { INTERNAL_QUEUES, type InternalQueue } from './queues';

/*
 * The jobs of the queues a service gives itself (INTERNAL_QUEUES), versioned like every other payload
 * (payload-versions.ts): ids only, the work itself is read from the service's own store when the job runs.
 */

/** A recorded run to carry out: segmentation and model training. */
export const runJobSchema = z.object({ runId: z.string().min(1) });

/** The daily journey-alerts run reads nothing from its job but when it fired. */
export const journeyAlertsJobSchema = z.object({});

/** One conversation turn to record as a touchpoint; its text is read from the conversation then. */
export const chatTouchpointJobSchema = z.object({ conversationId: z.string().min(1), messageId: z.string().min(1) });

/** One webhook delivery to attempt; the body sent is the delivery's, the partner API (partner-updates.ts). */
export const webhookDeliveryJobSchema = z.object({ deliveryId: z.string().min(1) });

/** Each internal queue's job schema; typed over every internal queue, so one added without a schema does not compile. */
export const INTERNAL_JOB_SCHEMAS: { readonly [Q in InternalQueue]: z.ZodType } = {
  [INTERNAL_QUEUES.insightsSegmentation]: runJobSchema,
  [INTERNAL_QUEUES.insightsTraining]: runJobSchema,
  [INTERNAL_QUEUES.insightsJourneyAlerts]: journeyAlertsJobSchema,
  [INTERNAL_QUEUES.generationChatTouchpoints]: chatTouchpointJobSchema,
  [INTERNAL_QUEUES.partnerWebhooks]: webhookDeliveryJobSchema,
};
