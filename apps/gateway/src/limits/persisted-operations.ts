import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { reject } from '../http/graphql-rejection';

const allowListSchema = z.record(z.string().regex(/^[0-9a-f]{64}$/, 'sha256 hex'), z.string().min(1));

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads the allow-list, checking that every key is the hash of its operation. */
export function loadAllowList(file: string): Map<string, string> {
  const entries = Object.entries(allowListSchema.parse(JSON.parse(readFileSync(file, 'utf8'))));
  for (const [hash, query] of entries) if (sha256(query) !== hash) throw new Error(`persisted operation ${hash} does not match its text`);
  return new Map(entries);
}

interface GraphQLBody {
  query?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
}

/**
 * One operation per request (batches refused), and persisted operations by hash from the
 * allow-list. When the list is mandatory, an operation sent as text runs only if it is listed.
 */
export function persistedOperations(allowList: Map<string, string> | undefined, required: boolean): RequestHandler {
  return (req, res, next) => {
    if (Array.isArray(req.body)) return reject(res, 'BATCHING_NOT_SUPPORTED', 'send one operation per request');
    const body = (req.body ?? {}) as GraphQLBody;
    const hash = body.extensions?.persistedQuery?.sha256Hash;
    if (typeof hash === 'string') {
      const query = allowList?.get(hash);
      if (!query) return reject(res, 'PERSISTED_QUERY_NOT_FOUND', 'no persisted operation with this hash');
      body.query = query;
      // Apollo's own automatic persisted queries stay off: registering operations at run time would defeat the list.
      delete body.extensions?.persistedQuery;
      return next();
    }
    if (required && (typeof body.query !== 'string' || !allowList?.has(sha256(body.query)))) {
      return reject(res, 'PERSISTED_QUERY_REQUIRED', 'only persisted operations may run');
    }
    next();
  };
}
