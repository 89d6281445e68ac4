import { z } from 'zod';

/**
 * Strings every store and driver keeps exactly as sent. A lone UTF-16 surrogate is not: MongoDB's
 * BSON and Neo4j's Bolt encode UTF-8, turn it into U+FFFD, and two different messageIds then
 * collapse into one stored id. `\p{Cs}` under the `u` flag matches only unpaired surrogates (a pair
 * reads as one code point), which is what String.prototype.isWellFormed tests.
 */
const LONE_SURROGATE = /\p{Cs}/u;

export const NOT_WELL_FORMED = 'must be well-formed Unicode (it holds an unpaired UTF-16 surrogate)';

export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** A string schema that refuses text a store would not keep exactly. */
export function wellFormedString(): z.ZodString {
  return z.string().refine(isWellFormedText, NOT_WELL_FORMED);
}

/**
 * Deepest nesting a free JSON field (properties, traits) may have. MongoDB refuses documents nested
 * beyond 100 levels; a touchpoint it refuses fails its whole ingestion job, so it is refused at the door.
 */
export const MAX_JSON_DEPTH = 32;

export interface JsonIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The first thing in a JSON value no store keeps exactly: a string or key that is not well-formed
 * Unicode, a key with a NUL (the BSON encoder throws, failing the whole insert), or nesting deeper
 * than MAX_JSON_DEPTH. Walked without recursion, so a hostile depth cannot exhaust the stack.
 */
export function jsonIssueOf(root: unknown): JsonIssue | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (!isWellFormedText(value)) return { path, message: NOT_WELL_FORMED };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH) return { path, message: `nests deeper than ${MAX_JSON_DEPTH} levels` };
    for (const [key, child] of Object.entries(value)) {
      const at = [...path, Array.isArray(value) ? Number(key) : key];
      if (!isWellFormedText(key)) return { path: at, message: `key ${NOT_WELL_FORMED}` };
      if (key.includes('\u0000')) return { path: at, message: 'key must not contain a NUL character' };
      stack.push({ value: child, path: at });
    }
  }
  return null;
}

/** A free JSON object (properties, traits) whose every key and string every store keeps exactly. */
export function wellFormedJsonObject() {
  return z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const issue = jsonIssueOf(value);
    if (issue) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });
}
