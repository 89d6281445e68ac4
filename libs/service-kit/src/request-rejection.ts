import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from './logger';

/** Codes for a request refused at the HTTP edge, before any handler reads it; one status each. */
export const REQUEST_REJECTIONS = {
  BAD_REQUEST: { status: 400, description: 'a body that is not JSON, not UTF-8, nested too deep, or not the shape the endpoint takes; a malformed URL' },
  NOT_FOUND: { status: 404, description: 'no route for this method and path' },
  PAYLOAD_TOO_LARGE: { status: 413, description: "a body over the endpoint's size limit" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'a content encoding or charset the endpoint does not read (JSON is read as UTF-8 only)' },
} as const;
export type RequestRejectionCode = keyof typeof REQUEST_REJECTIONS;

/** A client error with a code from the catalogue and a reason the client can act on. */
export class RequestRejection extends Error {
  /** A plain field, not a getter: body-parser (http-errors) assigns `status` on errors thrown through it. */
  readonly status: number;

  constructor(
    readonly code: RequestRejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'RequestRejection';
    this.status = REQUEST_REJECTIONS[code].status;
  }
}

/** What body-parser and the router throw: http-errors with a status, and for body-parser a type. */
interface HttpClientError {
  status?: unknown;
  type?: unknown;
  message?: unknown;
  encoding?: unknown;
  charset?: unknown;
  limit?: unknown;
}

function reasonOf(err: HttpClientError): { code: RequestRejectionCode; reason: string } {
  switch (err.type) {
    case 'entity.too.large':
      return { code: 'PAYLOAD_TOO_LARGE', reason: `request body exceeds the size limit of ${String(err.limit)} bytes` };
    case 'entity.parse.failed':
      return { code: 'BAD_REQUEST', reason: 'body is not valid JSON (an object or an array)' };
    case 'encoding.unsupported':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', reason: `content encoding "${String(err.encoding)}" is not supported; send identity, gzip, deflate or br` };
    case 'charset.unsupported':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', reason: `charset "${String(err.charset)}" is not supported; JSON is read as UTF-8` };
    case 'request.aborted':
    case 'request.size.invalid':
      return { code: 'BAD_REQUEST', reason: 'request body ended before its content-length' };
    default:
      if (err.status === 413) return { code: 'PAYLOAD_TOO_LARGE', reason: 'request too large' };
      if (err.status === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'unsupported media type' };
      // A corrupt gzip stream, a malformed %-escape in a path: the library's message names the fault.
      return { code: 'BAD_REQUEST', reason: typeof err.message === 'string' ? err.message : 'malformed request' };
  }
}

/**
 * The client error an HTTP library reported, as a rejection; undefined for anything else, which is
 * then an internal failure. Libraries mark client errors with a 4xx status (http-errors).
 */
export function rejectionOf(err: unknown): RequestRejection | undefined {
  if (err instanceof RequestRejection) return err;
  if (!err || typeof err !== 'object') return undefined;
  const status = (err as HttpClientError).status;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const { code, reason } = reasonOf(err as HttpClientError);
  return new RequestRejection(code, reason);
}

/** Answers in the shape of a REST endpoint: `{ error, reason }`. */
export function sendRestRejection(res: Response, rejection: RequestRejection): void {
  res.status(rejection.status).json({ error: rejection.code, reason: rejection.message });
}

/** Answers in the GraphQL response shape, so every GraphQL client reads `errors[0].extensions.code`. */
export function sendGraphQLRejection(res: Response, rejection: RequestRejection): void {
  res.status(rejection.status).json({ errors: [{ message: rejection.message, extensions: { code: rejection.code } }] });
}

/** Answers the client errors raised before the handler in the given shape; anything else goes on. */
export function rejectClientErrors(send: (res: Response, rejection: RequestRejection) => void): ErrorRequestHandler {
  return (err, _req, res, next) => {
    const rejection = rejectionOf(err);
    if (!rejection || res.headersSent) return next(err);
    send(res, rejection);
  };
}

/** For an unknown path: a JSON answer like every other, instead of express's HTML page. */
export const notFound: RequestHandler = (req, res) => {
  sendRestRejection(res, new RequestRejection('NOT_FOUND', `no route for ${req.method} ${req.path}`));
};

/** Last resort for HTTP routes: client errors get their 4xx; a failure is logged and gets a reasonless 500. */
export function finalErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const rejection = rejectionOf(err);
    if (rejection) return sendRestRejection(res, rejection);
    logger.error({ err }, 'unhandled request error');
    res.status(500).json({ error: 'INTERNAL_SERVER_ERROR', reason: 'internal error' });
  };
}
