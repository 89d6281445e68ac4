import { parseRedisTarget } from './redis-connection';
import { queuePrefixSchema, redisUrlSchema } from './config';

describe('parseRedisTarget', () => {
  it('reads one server from redis:// and rediss:// URLs as they are', () => {
    expect(parseRedisTarget('redis://127.0.0.1:6379')).toEqual({ kind: 'server', url: 'redis://127.0.0.1:6379' });
    expect(parseRedisTarget('rediss://user:pw@cache.internal:6380/2')).toEqual({ kind: 'server', url: 'rediss://user:pw@cache.internal:6380/2' });
  });

  it('reads a cluster from its seed nodes, with credentials and TLS', () => {
    expect(parseRedisTarget('redis+cluster://10.0.0.1:7000,10.0.0.2:7001')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
      ],
      tls: false,
    });
    expect(parseRedisTarget('rediss+cluster://app:s%40cret@redis-0.redis:6379,[::1]:6380/')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'redis-0.redis', port: 6379 },
        { host: '::1', port: 6380 },
      ],
      username: 'app',
      password: 's@cret',
      tls: true,
    });
  });

  it('refuses what is neither', () => {
    for (const bad of [
      'http://127.0.0.1:6379',
      'redis+cluster://',
      'redis+cluster://a',
      'redis+cluster://a:0',
      'redis+cluster://a:1,b',
      'redis+cluster://a:70000',
      'nonsense',
    ]) {
      expect([bad, parseRedisTarget(bad)]).toEqual([bad, null]);
    }
  });
});

describe('Redis settings', () => {
  it('takes a plain or a hash-tagged queue prefix, nothing else', () => {
    expect(queuePrefixSchema.parse('c360')).toBe('c360');
    expect(queuePrefixSchema.parse('{c360}')).toBe('{c360}');
    for (const bad of ['{c360', 'c360}', '{c3}60', '{}', 'C360', 'c360:x']) expect(queuePrefixSchema.safeParse(bad).success).toBe(false);
  });

  it('takes a cluster URL as REDIS_URL and says which forms it accepts', () => {
    expect(redisUrlSchema.parse('redis+cluster://127.0.0.1:7000')).toBe('redis+cluster://127.0.0.1:7000');
    const refused = redisUrlSchema.safeParse('mongodb://127.0.0.1');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain('redis+cluster://');
  });
});
