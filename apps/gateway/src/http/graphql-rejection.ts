import type { Response } from 'express';

/** Gateway rejection codes, each answered before an operation reaches the subgraphs. */
export const REJECTIONS = {
  UNAUTHENTICATED: { status: 401, description: 'no bearer token, or one that is expired, unsigned, or for another issuer or audience' },
  FORBIDDEN: { status: 403, description: 'the caller may not run this operation' },
  RATE_LIMITED: { status: 429, description: 'the client sent more requests than its window allows; see Retry-After' },
  PERSISTED_QUERY_NOT_FOUND: { status: 400, description: 'an operation hash that is not on the allow-list' },
  PERSISTED_QUERY_REQUIRED: { status: 400, description: 'only operations from the allow-list may run' },
  BATCHING_NOT_SUPPORTED: { status: 400, description: 'one operation per HTTP request' },
  OPERATION_RESOLUTION_FAILURE: { status: 400, description: 'operationName names no operation in the document, or the document holds several and names none' },
  MAX_DEPTH_EXCEEDED: { status: 400, description: 'selection sets nested deeper than allowed' },
  MAX_COST_EXCEEDED: { status: 400, description: 'estimated cost, counting list sizes, above the limit' },
  MAX_ALIASES_EXCEEDED: { status: 400, description: 'more aliases than allowed' },
  MAX_ROOT_FIELDS_EXCEEDED: { status: 400, description: 'more root fields than allowed' },
} as const;
export type RejectionCode = keyof typeof REJECTIONS;

/** Answers in the GraphQL response shape, so every client reads `errors[0].extensions.code`. */
export function reject(res: Response, code: RejectionCode, message: string, headers: Record<string, string> = {}): void {
  res
    .set(headers)
    .status(REJECTIONS[code].status)
    .json({ errors: [{ message, extensions: { code } }] });
}
