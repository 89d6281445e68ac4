import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@c360/service-kit';

/** Where the published supergraph is read from: a file (a mounted ConfigMap) or a registry URL. */
export interface SupergraphSource {
  describe: string;
  /** The current text, or null when it has not changed since the last read. */
  read(): Promise<string | null>;
}

export function fileSource(file: string): SupergraphSource {
  let last: string | undefined;
  return {
    describe: file,
    read: async () => {
      const text = await readFile(file, 'utf8');
      if (text === last) return null;
      last = text;
      return text;
    },
  };
}

/** An HTTP(S) registry: conditional GETs, so an unchanged supergraph costs a 304. */
export function urlSource(url: string, timeoutMs = 5_000): SupergraphSource {
  let etag: string | undefined;
  return {
    describe: url,
    read: async () => {
      const res = await fetch(url, { headers: etag ? { 'if-none-match': etag } : {}, signal: AbortSignal.timeout(timeoutMs) });
      if (res.status === 304) return null;
      if (!res.ok) throw new Error(`supergraph registry answered ${res.status}`);
      etag = res.headers.get('etag') ?? undefined;
      return res.text();
    },
  };
}

export const supergraphVersion = (sdl: string) => createHash('sha256').update(sdl).digest('hex').slice(0, 12);

/**
 * The gateway's supergraph hook: the published supergraph at start, then a poll that hands each new
 * version to the gateway, which swaps its schema and query planner between requests: operations in
 * flight finish on the version they started with, and no restart drops a connection. A version that
 * cannot be read or that the gateway rejects is logged and the current one keeps serving.
 */
export function publishedSupergraph(source: SupergraphSource, options: { pollMs: number; logger: Logger }): SupergraphSdlHook {
  return async ({ update }) => {
    const initial = await source.read();
    if (initial === null) throw new Error(`no supergraph at ${source.describe}`);
    options.logger.info({ source: source.describe, version: supergraphVersion(initial) }, 'supergraph loaded');
    if (options.pollMs <= 0) return { supergraphSdl: initial };
    let polling = false;
    const timer = setInterval(() => {
      if (polling) return;
      polling = true;
      source
        .read()
        .then((next) => {
          if (next === null) return;
          update(next);
          options.logger.info({ source: source.describe, version: supergraphVersion(next) }, 'supergraph updated');
        })
        .catch((err: unknown) => options.logger.error({ err, source: source.describe }, 'supergraph update refused; the current version keeps serving'))
        .finally(() => {
          polling = false;
        });
    }, options.pollMs);
    timer.unref();
    return { supergraphSdl: initial, cleanup: async () => clearInterval(timer) };
  };
}
