import { createHmac } from 'node:crypto';

/**
 * The suppression list: who has been erased and must not be ingested again.
 *
 * Contract between governance (the only writer) and ingestion (a reader):
 * - An entry is `suppressionHash(secret, key)` where `key` is a normalised identifier key
 *   (`type:value`, as the deployment's identifier policy in `@c360/identifiers` produces it,
 *   the same policy at intake and in identity-graph) and `secret` is the
 *   deployment's SUPPRESSION_SECRET. A keyed hash, so the list holds no personal data in clear and
 *   cannot be reversed by hashing guessed emails without the secret.
 * - Governance keeps the durable list in its own database and mirrors every entry into the Redis set
 *   `suppressionSetKey(prefix)` (re-seeding it at start), so ingestion checks a whole batch with one
 *   SMISMEMBER and never reads governance's database.
 * - Entries are also made from the person's trait keys (`personTraitKeys` in `@c360/identifiers`:
 *   full name with birth date, full name with address), and a record with no identifier whose trait
 *   keys are on the list is refused the same way, so an erased person cannot return by traits alone.
 * - An item carrying any suppressed identifier is refused with reason `SUPPRESSED`.
 */
export function suppressionHash(secret: string, identifierKey: string): string {
  return createHmac('sha256', secret).update(identifierKey).digest('base64url');
}

export function suppressionSetKey(prefix: string): string {
  return `${prefix}:suppression`;
}

export const SUPPRESSED_REASON = 'SUPPRESSED';
