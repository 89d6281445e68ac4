import { gzipSync } from 'node:zlib';

/**
 * Malformed HTTP requests drawn from a seeded random source: random bytes and structured garbage
 * (broken, deep, huge or wrongly typed JSON; wrong content types, charsets and encodings; invalid
 * UTF-8). The same seed gives the same requests, so a failure can be replayed.
 */
export interface FuzzBody {
  kind: string;
  body: Buffer;
  headers: Record<string, string>;
}

export class Garbage {
  constructor(private readonly random: () => number) {}

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  bytes(length: number): Buffer {
    return Buffer.from(Array.from({ length }, () => this.int(256)));
  }

  text(length: number): string {
    return Array.from({ length }, () => String.fromCharCode(0x20 + this.int(0x5f))).join('');
  }

  /** A JSON value of random shape, at most `depth` deep. */
  value(depth = 3): unknown {
    const kind = depth <= 0 ? this.int(5) : this.int(7);
    if (kind === 0) return null;
    if (kind === 1) return this.chance(0.5);
    if (kind === 2) return this.pick([0, -1, 1e308, 2 ** 53 + 1, 0.5, -0]);
    if (kind === 3) return this.pick(['', this.text(8), '\u0000', '\ud800', '🙂', '<script>', '$where', '{"a":1}']);
    if (kind === 4) return this.text(this.int(40));
    if (kind === 5) return Array.from({ length: this.int(4) }, () => this.value(depth - 1));
    return Object.fromEntries(
      Array.from({ length: this.int(4) }, () => [this.pick(['$gt', '__proto__', 'constructor', 'id', 'query', this.text(5)]), this.value(depth - 1)]),
    );
  }

  /** JSON text nested `depth` levels, in arrays or objects. */
  deep(depth: number): string {
    return this.chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  }

  /** Bytes that are not UTF-8 inside otherwise valid JSON text. */
  invalidUtf8(json: string): Buffer {
    const at = Math.max(1, json.lastIndexOf('"'));
    const bad = this.pick([[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80]]);
    return Buffer.concat([Buffer.from(json.slice(0, at)), Buffer.from(bad), Buffer.from(json.slice(at))]);
  }
}

const CONTENT_TYPES = [
  'application/json; charset=utf-16',
  'application/json; charset=utf-32',
  'application/json; charset=latin1',
  'application/json; charset=bogus',
  'application/json; charset',
  'application/json;;;',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/graphql',
  'garbage',
  '*/*',
];
const ENCODINGS = ['bogus', 'gzip', 'deflate', 'br', 'gzip, gzip', 'identity', 'compress', 'zstd'];

// Built once: decompresses to 20 MB, far over every limit, to check limits apply after decompression.
const GZIP_BOMB = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));

/**
 * A malformed body for a JSON endpoint, starting from `valid` (a well-formed body of that
 * endpoint), with the headers that go with it.
 */
export function malformedBody(g: Garbage, valid: unknown): FuzzBody {
  const json = JSON.stringify(valid);
  const plain = (kind: string, body: string | Buffer): FuzzBody => ({ kind, body: Buffer.from(body), headers: { 'content-type': 'application/json' } });
  switch (g.int(14)) {
    case 0:
      return plain('random bytes', g.bytes(g.int(2000)));
    case 1:
      return plain('truncated JSON', json.slice(0, g.int(json.length)));
    case 2:
      return plain('deep nesting', g.deep(g.pick([65, 1000, 100_000, 400_000])));
    case 3:
      return plain('huge string', JSON.stringify({ query: g.text(16), value: 'x'.repeat(g.pick([100_000, 900_000, 1_200_000])) }));
    case 4:
      return plain('scalar', g.pick(['42', '"x"', 'null', 'true', '-0', '1e999', '""', ' ']));
    case 5:
      return plain('array or object swapped', JSON.stringify(Array.isArray(valid) ? { ...valid } : [valid, valid]));
    case 6:
      return plain('random JSON', JSON.stringify(g.value(4)) ?? 'null');
    case 7:
      return plain('invalid UTF-8', g.invalidUtf8(json));
    case 8:
      return { kind: 'wrong content type', body: Buffer.from(json), headers: { 'content-type': g.pick(CONTENT_TYPES) } };
    case 9:
      return { kind: 'no content type', body: Buffer.from(g.chance(0.5) ? json : g.text(50)), headers: {} };
    case 10:
      return {
        kind: 'wrong content encoding',
        body: Buffer.from(json),
        headers: { 'content-type': 'application/json', 'content-encoding': g.pick(ENCODINGS) },
      };
    case 11:
      return {
        kind: 'gzip of garbage',
        body: g.chance(0.3) ? GZIP_BOMB : gzipSync(g.bytes(200)),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      };
    case 12:
      return plain('wrong field types', JSON.stringify(retyped(g, valid)));
    default:
      return plain('UTF-16 text', Buffer.from(json, 'utf16le'));
  }
}

/** `valid` with each top-level field (or each item's fields) given a random value of another type. */
function retyped(g: Garbage, valid: unknown): unknown {
  if (Array.isArray(valid)) return valid.map((item) => retyped(g, item));
  if (!valid || typeof valid !== 'object') return g.value();
  return Object.fromEntries(Object.keys(valid).map((key) => [key, g.chance(0.5) ? g.value(2) : (valid as Record<string, unknown>)[key]]));
}

const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  ':',
  '$',
  '...',
  '@include',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'customer',
  'id',
  '"x"',
  '1',
  '[',
  ']',
  '!',
  '=',
  '__typename',
  '#',
  '\\u0000',
  '"""',
];

/** A well-formed JSON request whose GraphQL is malformed, unknown, too deep or wrongly typed. */
export function graphqlGarbage(g: Garbage, valid: { query: string; variables?: Record<string, unknown> }): Record<string, unknown> {
  switch (g.int(9)) {
    case 0:
      return { query: Array.from({ length: g.int(60) }, () => g.pick(TOKENS)).join(' ') };
    case 1:
      return { query: `{ ${'customer(id: "x") { '.repeat(g.pick([20, 2_000, 20_000]))} }` };
    case 2:
      return { ...valid, operationName: g.pick(['Nope', '', 'x'.repeat(10_000), 42, null, ['a']]) };
    case 3:
      return { ...valid, variables: g.pick([g.value(3), [1], 'x', 42]) };
    case 4:
      return { query: `{ ${Array.from({ length: 2_000 }, (_, i) => `a${i}: __typename`).join(' ')} }` };
    case 5:
      return { query: '{ _entities(representations: $r) { ... on Customer { id } } }'.replace('$r', JSON.stringify(g.value(2)).replace(/"([^"]*)":/g, '$1:')) };
    case 6:
      return {
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
        variables: { r: [g.value(2), { __typename: g.pick(['Customer', 'Nope', '']), id: g.value(1) }] },
      };
    case 7:
      return { query: g.pick([42, null, [], { a: 1 }, '', ' ']), variables: g.value(2) };
    default:
      return { ...valid, extensions: g.pick([{ persistedQuery: { version: 1, sha256Hash: g.text(64) } }, { persistedQuery: 'x' }, 'x', g.value(2)]) };
  }
}
