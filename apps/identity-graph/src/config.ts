import { consentClientConfigSchema } from '@c360/consent-client';
import { DEFAULT_SOURCE_TRUST, identifierPolicyConfigSchema, sourceTrustSchema } from '@c360/identifiers';
import { baseConfigSchema, parseConfig, portSchema } from '@c360/service-kit';
import { z } from 'zod';

const jsonOf = <T>(parse: (json: string) => T, what: string) =>
  z.string().transform((v, ctx) => {
    try {
      return parse(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `${what}: ${(err as Error).message.slice(0, 300)}` });
      return z.NEVER;
    }
  });

const probability = z.number().gt(0).lt(1);
/** Per field, [m, u] for each agreement level (see LEVELS in domain/comparison-model). */
const matchWeights = (json: string) => z.record(z.string(), z.array(z.tuple([probability, probability])).min(2)).parse(JSON.parse(json));

const sourceTrust = (json: string) => sourceTrustSchema.parse(JSON.parse(json));

const schema = baseConfigSchema.extend({
  ...consentClientConfigSchema,
  ...identifierPolicyConfigSchema,
  PORT: portSchema.default(4001),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\//, 'a bolt:// or neo4j:// URI')
    .default('bolt://127.0.0.1:7687'),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  /** Empty means the server runs without authentication (the local stack). */
  NEO4J_PASSWORD: z.string().default(''),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Fellegi–Sunter thresholds (total log2 likelihood ratio): merge at or above UPPER, review from LOWER. */
  MATCH_UPPER_THRESHOLD: z.coerce.number().min(0).max(200).default(14),
  MATCH_LOWER_THRESHOLD: z.coerce.number().min(0).max(200).default(8),
  /** JSON object overriding Fellegi–Sunter m/u per field, e.g. {"birthDate":[[0.9,0.001],[0.05,0.01],[0.05,0.989]]}. */
  MATCH_WEIGHTS: jsonOf(matchWeights, 'a JSON object of field to [[m,u],...] per level').default({}),
  /** JSON object: trust per source system for the golden record (higher wins); unknown sources rank 0. */
  SOURCE_TRUST: jsonOf(sourceTrust, 'a JSON object of source to trust (0-1000)').default({ ...DEFAULT_SOURCE_TRUST }),
});
export type IdentityGraphConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv): IdentityGraphConfig {
  const config = parseConfig(schema, env);
  if (config.MATCH_LOWER_THRESHOLD > config.MATCH_UPPER_THRESHOLD) throw new Error('MATCH_LOWER_THRESHOLD must not exceed MATCH_UPPER_THRESHOLD');
  return config;
}
