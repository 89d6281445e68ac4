import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { trackStartupResource } from './startup-guard';

/** One Redis server, or a Redis Cluster: both speak the same commands, and BullMQ takes either. */
export type RedisClient = Redis | Cluster;

/** Where Redis is, read from REDIS_URL: one server, or the seed nodes of a cluster. */
export type RedisTarget =
  { kind: 'server'; url: string } | { kind: 'cluster'; nodes: { host: string; port: number }[]; username?: string; password?: string; tls: boolean };

export const REDIS_URL_FORMS = 'redis://host:port, rediss://…, or redis+cluster://host:port,host:port (rediss+cluster:// for TLS)';

const CLUSTER_SCHEME = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#]+)\/?$/;
const NODE = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/**
 * Reads REDIS_URL. A cluster is named by its seed nodes in one URL (`redis+cluster://a:6379,b:6379`,
 * credentials before the `@` as usual) so a deployment switches to a cluster through the variable it
 * already sets; ioredis finds the other nodes from the seeds. Null when the URL is neither form.
 */
export function parseRedisTarget(url: string): RedisTarget | null {
  const cluster = CLUSTER_SCHEME.exec(url);
  if (cluster) {
    const [, scheme, auth, hosts] = cluster;
    const nodes: { host: string; port: number }[] = [];
    for (const part of (hosts ?? '').split(',')) {
      const node = NODE.exec(part.trim());
      const port = Number(node?.[2]);
      if (!node || port < 1 || port > 65535) return null;
      nodes.push({ host: (node[1] ?? '').replace(/^\[|\]$/g, ''), port });
    }
    const [user, password] = auth ? auth.split(':').map(decodeURIComponent) : [];
    return { kind: 'cluster', nodes, tls: scheme === 'rediss', ...(user ? { username: user } : {}), ...(password ? { password } : {}) };
  }
  try {
    const parsed = new URL(url);
    return /^rediss?:$/.test(parsed.protocol) && parsed.hostname ? { kind: 'server', url } : null;
  } catch {
    return null;
  }
}

// BullMQ workers block on their connection: a command must wait for a reconnect, never give up.
const COMMON: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false };

/** A connection to REDIS_URL's server or cluster, fit for BullMQ queues and workers and for plain commands. */
export function createRedisConnection(url: string): RedisClient {
  const target = parseRedisTarget(url);
  if (!target) throw new Error(`REDIS_URL: expected ${REDIS_URL_FORMS}`);
  const client = target.kind === 'server' ? new Redis(url, COMMON) : clusterClient(target);
  trackStartupResource('redis', () => client.quit());
  return client;
}

function clusterClient({ nodes, username, password, tls }: Extract<RedisTarget, { kind: 'cluster' }>): Cluster {
  return new Cluster(nodes, {
    redisOptions: { ...COMMON, ...(username ? { username } : {}), ...(password ? { password } : {}), ...(tls ? { tls: {} } : {}) },
    enableReadyCheck: true,
    // The seed list may be partial or stale; the nodes' own view of the cluster is the one used.
    slotsRefreshTimeout: 2_000,
  });
}
