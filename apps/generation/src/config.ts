import { consentClientConfigSchema } from '@c360/consent-client';
import { baseConfigSchema, parseConfig, portSchema } from '@c360/service-kit';
import { z } from 'zod';
import { contentConfigShape } from './content/content.config';
import { conversationConfigSchema } from './conversations/conversations.config';

const schema = baseConfigSchema.extend({
  PORT: portSchema.default(4004),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// or mongodb+srv:// URI')
    .default('mongodb://127.0.0.1:27017'),
  MONGODB_DB: z.string().min(1).default('c360_generation'),
  /** When set, drafts come from Anthropic's API; otherwise from the offline template provider. */
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_MODEL: z.string().min(1).default('claude-sonnet-4-5'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  ...consentClientConfigSchema,
  ...contentConfigShape,
  ...conversationConfigSchema,
});
export type GenerationConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv): GenerationConfig {
  return parseConfig(schema, env);
}
