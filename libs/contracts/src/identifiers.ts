import { z } from 'zod';

/** Identifier types every service agrees on; identity-graph owns their normalisation. */
export const IDENTIFIER_TYPES = ['email', 'phone', 'anonymousId', 'deviceId', 'crmId'] as const;
export const identifierTypeSchema = z.enum(IDENTIFIER_TYPES);
export type IdentifierType = z.infer<typeof identifierTypeSchema>;

export const identifierSchema = z.object({
  type: identifierTypeSchema,
  value: z.string().trim().min(1).max(320),
});
export type Identifier = z.infer<typeof identifierSchema>;
