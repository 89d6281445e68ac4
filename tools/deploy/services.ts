/**
 * What each service needs to run in a cluster: the one description the Kubernetes manifests and the
 * compose file are rendered from (`npm run deploy:render`), so a port, a secret or a caller is stated once.
 */
export type Store = 'mongodb' | 'neo4j' | 'redis';

export interface ServiceSpec {
  name: string;
  port: number;
  /** The stores it connects to (its egress besides other services and DNS). */
  stores: Store[];
  /** Services it calls over HTTP: each grants it ingress there, and names the URL variable it reads. */
  calls: { service: string; env: string; path?: string }[];
  /** Secret environment variables, read from the `c360-secrets` Secret by key. */
  secrets: string[];
  /** Environment variables that are not secret (store URIs come from the `c360-stores` ConfigMap). */
  env: Record<string, string>;
  replicas: { min: number; max: number };
  resources: { cpu: string; memory: string; memoryLimit: string };
  /** Faces clients (the gateway); every other service is reached only by the services that call it. */
  public?: boolean;
}

const INTERNAL = ['INTERNAL_TOKEN_SECRET'];
const consent = { service: 'governance', env: 'CONSENT_SERVICE_URL' };
const graphql = (service: string, env: string) => ({ service, env, path: '/graphql' });

export const SERVICES: ServiceSpec[] = [
  {
    name: 'gateway',
    port: 4000,
    stores: ['redis'],
    calls: [
      graphql('identity-graph', 'IDENTITY_GRAPH_URL'),
      graphql('touchpoint-store', 'TOUCHPOINT_STORE_URL'),
      graphql('insights', 'INSIGHTS_URL'),
      graphql('generation', 'GENERATION_URL'),
      graphql('governance', 'GOVERNANCE_URL'),
    ],
    secrets: [...INTERNAL, 'ACCESS_TOKEN_SECRET'],
    env: { SUPERGRAPH_PATH: '/app/supergraph/supergraph.graphql', INTROSPECTION: 'false' },
    replicas: { min: 2, max: 10 },
    resources: { cpu: '500m', memory: '384Mi', memoryLimit: '768Mi' },
    public: true,
  },
  {
    name: 'identity-graph',
    port: 4001,
    stores: ['neo4j', 'redis'],
    calls: [],
    secrets: [...INTERNAL, 'NEO4J_PASSWORD'],
    env: {},
    replicas: { min: 2, max: 8 },
    resources: { cpu: '500m', memory: '384Mi', memoryLimit: '768Mi' },
  },
  {
    name: 'touchpoint-store',
    port: 4002,
    stores: ['mongodb', 'redis'],
    calls: [consent],
    secrets: [...INTERNAL, 'ACCESS_TOKEN_SECRET', 'SUPPRESSION_SECRET'],
    env: { MONGODB_DB: 'c360_touchpoints' },
    replicas: { min: 2, max: 12 },
    resources: { cpu: '500m', memory: '512Mi', memoryLimit: '1Gi' },
  },
  {
    name: 'insights',
    port: 4003,
    stores: ['mongodb', 'redis'],
    // touchpoint-store: the text of touchpoints (sentiment) and anonymous journeys (attribution, journey alerts).
    calls: [consent, graphql('touchpoint-store', 'TOUCHPOINT_STORE_URL')],
    secrets: INTERNAL,
    env: { MONGODB_DB: 'c360_insights' },
    replicas: { min: 2, max: 8 },
    resources: { cpu: '1', memory: '768Mi', memoryLimit: '1536Mi' },
  },
  {
    name: 'generation',
    port: 4004,
    stores: ['mongodb', 'redis'],
    // The owners of the facts a draft is grounded on, asked with the caller's own roles.
    calls: [consent, graphql('identity-graph', 'IDENTITY_GRAPH_URL'), graphql('touchpoint-store', 'TOUCHPOINT_STORE_URL'), graphql('insights', 'INSIGHTS_URL')],
    secrets: [...INTERNAL, 'ANTHROPIC_API_KEY'],
    env: { MONGODB_DB: 'c360_generation' },
    replicas: { min: 2, max: 6 },
    resources: { cpu: '250m', memory: '384Mi', memoryLimit: '768Mi' },
  },
  {
    name: 'governance',
    port: 4005,
    stores: ['mongodb', 'redis'],
    calls: [graphql('identity-graph', 'IDENTITY_GRAPH_URL')],
    secrets: [...INTERNAL, 'SUPPRESSION_SECRET', 'WEBHOOK_SECRET_ENCRYPTION_KEY', 'AUDIT_ANCHOR_KEY'],
    env: { MONGODB_DB: 'c360_governance' },
    replicas: { min: 2, max: 4 },
    resources: { cpu: '250m', memory: '384Mi', memoryLimit: '768Mi' },
  },
];

/**
 * The shutdown budget, stated once for the manifests and the compose file. Kubernetes kills a pod
 * TERMINATION_GRACE_SECONDS after it starts terminating, preStop included; the service's own budget
 * (SHUTDOWN_TIMEOUT_MS, from SIGTERM: the drain, then the workers' jobs) must end before that, with
 * room left for closing the drivers (service-kit gives them 5 s past the budget) and a margin.
 */
export const TERMINATION_GRACE_SECONDS = 40;
export const PRE_STOP_SECONDS = 5;
export const SHUTDOWN_DRAIN_MS = 5_000;
const DRIVER_CLOSE_SECONDS = 10;
export const SHUTDOWN_TIMEOUT_MS = (TERMINATION_GRACE_SECONDS - PRE_STOP_SECONDS - DRIVER_CLOSE_SECONDS) * 1000;
/** docker compose stop waits this long before it kills a container (its default, 10 s, is shorter than the budget). */
export const COMPOSE_STOP_GRACE_SECONDS = SHUTDOWN_TIMEOUT_MS / 1000 + DRIVER_CLOSE_SECONDS;

/** The port each store listens on, for egress rules and the compose file. */
export const STORE_PORTS: Record<Store, number> = { mongodb: 27017, neo4j: 7687, redis: 6379 };
/** The variable each store's address is read from, and the ConfigMap key that holds it. */
export const STORE_ENV: Record<Store, string> = { mongodb: 'MONGODB_URI', neo4j: 'NEO4J_URI', redis: 'REDIS_URL' };

/** The port of the service named `name`; the spec must name only services it defines. */
export function portOf(all: readonly ServiceSpec[], name: string): number {
  const spec = all.find((s) => s.name === name);
  if (!spec) throw new Error(`services.ts: no service named ${name}`);
  return spec.port;
}
