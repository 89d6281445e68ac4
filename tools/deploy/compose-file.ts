import { COMPOSE_STOP_GRACE_SECONDS, portOf, STORE_ENV, type ServiceSpec } from './services';

/**
 * A one-machine, production-like run: the same images as the cluster, real MongoDB, Neo4j and Redis
 * images, secrets from the environment (compose refuses to start without them).
 */
export function composeFile(all: readonly ServiceSpec[]): object {
  const storeAddress = { MONGODB_URI: 'mongodb://mongodb:27017', NEO4J_URI: 'bolt://neo4j:7687', REDIS_URL: 'redis://redis:6379' };
  const stores = {
    mongodb: {
      image: 'mongo:7.0',
      volumes: ['mongodb:/data/db'],
      healthcheck: { test: ['CMD', 'mongosh', '--quiet', '--eval', 'db.adminCommand("ping").ok'], interval: '10s', retries: 10 },
    },
    neo4j: {
      image: 'neo4j:5-community',
      environment: { NEO4J_AUTH: 'neo4j/${NEO4J_PASSWORD:?set NEO4J_PASSWORD}' },
      volumes: ['neo4j:/data'],
      healthcheck: { test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:7474 || exit 1'], interval: '10s', retries: 20 },
    },
    redis: {
      image: 'redis:7.4',
      command: ['redis-server', '--appendonly', 'yes', '--maxmemory-policy', 'noeviction'],
      volumes: ['redis:/data'],
      healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '5s', retries: 10 },
    },
  };
  const services = Object.fromEntries(
    all.map((spec) => [
      spec.name,
      {
        image: `c360/${spec.name}:latest`,
        build: { context: `../../dist/apps/${spec.name}`, dockerfile: '../../../infra/deploy/Dockerfile', args: { PORT: String(spec.port) } },
        environment: {
          ...Object.fromEntries(spec.stores.map((s) => [STORE_ENV[s], storeAddress[STORE_ENV[s] as keyof typeof storeAddress]])),
          QUEUE_PREFIX: 'c360',
          ...Object.fromEntries(spec.calls.map((c) => [c.env, `http://${c.service}:${portOf(all, c.service)}${c.path ?? ''}`])),
          ...spec.env,
          ...Object.fromEntries(spec.secrets.map((name) => [name, name === 'ANTHROPIC_API_KEY' ? '${ANTHROPIC_API_KEY:-}' : `\${${name}:?set ${name}}`])),
        },
        depends_on: {
          ...Object.fromEntries(spec.stores.map((s) => [s, { condition: 'service_healthy' }])),
          ...Object.fromEntries(spec.calls.map((c) => [c.service, { condition: 'service_healthy' }])),
        },
        ...(spec.public
          ? { ports: [`127.0.0.1:${spec.port}:${spec.port}`], volumes: ['../../dist/supergraph.graphql:/app/supergraph/supergraph.graphql:ro'] }
          : {}),
        read_only: true,
        tmpfs: ['/tmp'],
        restart: 'unless-stopped',
        // Time for the shutdown's own budget (SHUTDOWN_TIMEOUT_MS, the default) before compose kills the container.
        stop_grace_period: `${COMPOSE_STOP_GRACE_SECONDS}s`,
      },
    ]),
  );
  // Format 2.4: read by docker-compose 1.x (the validator CI installs) and by docker compose 2.x alike,
  // and it has healthcheck conditions in depends_on.
  return { version: '2.4', services: { ...stores, ...services }, volumes: { mongodb: {}, neo4j: {}, redis: {} } };
}
