import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';
import { RequestRejection } from './request-rejection';

/**
 * JSON nested deeper than this is refused before it is parsed. JSON.parse itself copes with any
 * depth, but what reads the value afterwards recurses (JSON.stringify, GraphQL value coercion, BSON
 * serialisation) and overflows the stack at a few thousand levels; MongoDB refuses documents nested
 * over 100. No touchpoint or GraphQL request of ours comes near 64.
 */
export const MAX_JSON_DEPTH = 64;

export interface JsonBodyOptions {
  /** Bytes after decompression, or a size body-parser reads ('1mb'). */
  limit: number | string;
  /** Content types read as JSON (a type-is pattern); body-parser's default is application/json. */
  type?: string;
  maxDepth?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]);
const CLOSE = new Set([0x5d, 0x7d]);

/**
 * Whether JSON text nests arrays and objects deeper than `maxDepth`, read from its UTF-8 bytes in one
 * pass: brackets inside strings do not count. Our own scan because body-parser and JSON.parse offer
 * no depth limit. UTF-8 never puts these ASCII bytes inside a multi-byte character, and text that is
 * not JSON at all is left for JSON.parse to refuse.
 */
export function jsonNestsDeeperThan(bytes: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPEN.has(byte)) {
      if (++depth > maxDepth) return true;
    } else if (CLOSE.has(byte)) {
      depth--;
    }
  }
  return false;
}

/**
 * Runs on the body's bytes before they are decoded. body-parser accepts any `utf-*` charset and turns
 * invalid bytes into U+FFFD; JSON between systems is UTF-8 (RFC 8259 §8.1), so anything else is refused
 * rather than stored garbled.
 */
function verifyUtf8Json(maxDepth: number) {
  return (_req: unknown, _res: unknown, bytes: Buffer, charset: string): void => {
    if (charset !== 'utf-8' && charset !== 'utf8')
      throw new RequestRejection('UNSUPPORTED_MEDIA_TYPE', `charset "${charset}" is not supported; JSON is read as UTF-8`);
    if (!isUtf8(bytes)) throw new RequestRejection('BAD_REQUEST', 'body is not valid UTF-8');
    if (jsonNestsDeeperThan(bytes, maxDepth)) throw new RequestRejection('BAD_REQUEST', `JSON nested deeper than ${maxDepth} levels`);
  };
}

/**
 * express's JSON parser with our limits: size (after decompression), UTF-8 only, bounded nesting,
 * and only an object or an array at the top (strict). Its errors are client errors for
 * `rejectClientErrors` to answer.
 */
export function jsonBody(options: JsonBodyOptions): RequestHandler {
  return express.json({
    limit: options.limit,
    type: options.type ?? 'application/json',
    strict: true,
    verify: verifyUtf8Json(options.maxDepth ?? MAX_JSON_DEPTH),
  });
}
