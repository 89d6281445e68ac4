import {
  portOf,
  PRE_STOP_SECONDS,
  SHUTDOWN_DRAIN_MS,
  SHUTDOWN_TIMEOUT_MS,
  STORE_ENV,
  STORE_PORTS,
  TERMINATION_GRACE_SECONDS,
  type ServiceSpec,
} from './services';

const NAMESPACE = 'c360';
const labelsOf = (name: string) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'c360' });
const selectorOf = (name: string) => ({ 'app.kubernetes.io/name': name });

/** The namespace, the store addresses every service reads, and a default-deny policy the per-service ones open up. */
export function sharedManifests(): object[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c360-stores', namespace: NAMESPACE },
      // Replica-set, cluster and sentinel addresses go here too; infra/deploy/README.md lists them. The prefix is a hash
      // tag from the start, so moving to a Redis Cluster later needs no change of prefix (and no draining of queues).
      data: { MONGODB_URI: 'mongodb://mongodb:27017', NEO4J_URI: 'neo4j://neo4j:7687', REDIS_URL: 'redis://redis:6379', QUEUE_PREFIX: '{c360}' },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: NAMESPACE },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
  ];
}

function container(spec: ServiceSpec, all: readonly ServiceSpec[]) {
  const env = [
    ...spec.stores.map((store) => ({ name: STORE_ENV[store], valueFrom: { configMapKeyRef: { name: 'c360-stores', key: STORE_ENV[store] } } })),
    { name: 'QUEUE_PREFIX', valueFrom: { configMapKeyRef: { name: 'c360-stores', key: 'QUEUE_PREFIX' } } },
    ...spec.calls.map((c) => ({ name: c.env, value: `http://${c.service}:${portOf(all, c.service)}${c.path ?? ''}` })),
    ...Object.entries(spec.env).map(([name, value]) => ({ name, value })),
    // After preStop: keeps answering for 5 s more, each answer closing its connection, so callers' pooled
    // connections move to the new pods on a request of theirs rather than being cut while they write.
    { name: 'SHUTDOWN_DRAIN_MS', value: String(SHUTDOWN_DRAIN_MS) },
    // Then the workers' jobs, until this long after SIGTERM; jobs still running go to another pod (services.ts).
    { name: 'SHUTDOWN_TIMEOUT_MS', value: String(SHUTDOWN_TIMEOUT_MS) },
    ...spec.secrets.map((name) => ({ name, valueFrom: { secretKeyRef: { name: 'c360-secrets', key: name } } })),
  ];
  const probe = (probePath: string, periodSeconds: number, failureThreshold: number) => ({
    httpGet: { path: probePath, port: 'http' },
    periodSeconds,
    failureThreshold,
    timeoutSeconds: 2,
  });
  return {
    name: spec.name,
    image: `c360/${spec.name}:latest`,
    ports: [{ name: 'http', containerPort: spec.port }],
    env,
    readinessProbe: probe('/readyz', 5, 2),
    livenessProbe: probe('/healthz', 10, 3),
    startupProbe: probe('/healthz', 2, 30),
    resources: { requests: { cpu: spec.resources.cpu, memory: spec.resources.memory }, limits: { memory: spec.resources.memoryLimit } },
    // The endpoint is removed from Services while the pod still serves: a short wait before SIGTERM
    // lets every proxy see it go, then the service drains its own requests and workers.
    lifecycle: { preStop: { exec: { command: ['sleep', String(PRE_STOP_SECONDS)] } } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    volumeMounts: [
      { name: 'tmp', mountPath: '/tmp' },
      ...(spec.name === 'gateway' ? [{ name: 'supergraph', mountPath: '/app/supergraph', readOnly: true }] : []),
    ],
  };
}

/** The OTLP/HTTP port collectors listen on by convention. */
const OTLP_HTTP_PORT = 4318;

function networkPolicy(spec: ServiceSpec, all: readonly ServiceSpec[]) {
  const callers = all.filter((s) => s.calls.some((c) => c.service === spec.name)).map((s) => s.name);
  const port = [{ protocol: 'TCP', port: spec.port }];
  const ingress = spec.public
    ? [{ ports: port }]
    : [
        ...(callers.length ? [{ from: callers.map((c) => ({ podSelector: { matchLabels: selectorOf(c) } })), ports: port }] : []),
        // Metrics scraping only, from the monitoring namespace.
        { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: port },
      ];
  const egress = [
    {
      to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    },
    ...spec.calls.map((c) => ({
      to: [{ podSelector: { matchLabels: selectorOf(c.service) } }],
      ports: [{ protocol: 'TCP', port: portOf(all, c.service) }],
    })),
    { ports: spec.stores.map((s) => ({ protocol: 'TCP', port: STORE_PORTS[s] })) },
    // OTLP/HTTP traces to a collector in the monitoring namespace, sent only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
    { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ protocol: 'TCP', port: OTLP_HTTP_PORT }] },
    ...(spec.secrets.includes('ANTHROPIC_API_KEY') || spec.name === 'governance' ? [{ ports: [{ protocol: 'TCP', port: 443 }] }] : []),
  ];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: spec.name, namespace: NAMESPACE, labels: labelsOf(spec.name) },
    spec: { podSelector: { matchLabels: selectorOf(spec.name) }, policyTypes: ['Ingress', 'Egress'], ingress, egress },
  };
}

export function serviceManifests(spec: ServiceSpec, all: readonly ServiceSpec[]): object[] {
  const metadata = { name: spec.name, namespace: NAMESPACE, labels: labelsOf(spec.name) };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata, automountServiceAccountToken: false },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata,
      spec: {
        replicas: spec.replicas.min,
        selector: { matchLabels: selectorOf(spec.name) },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          // Prometheus' conventional pod annotations: every service serves /metrics on its HTTP port.
          metadata: {
            labels: labelsOf(spec.name),
            annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(spec.port), 'prometheus.io/path': '/metrics' },
          },
          spec: {
            serviceAccountName: spec.name,
            automountServiceAccountToken: false,
            terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
            securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            topologySpreadConstraints: [
              { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selectorOf(spec.name) } },
            ],
            containers: [container(spec, all)],
            volumes: [{ name: 'tmp', emptyDir: {} }, ...(spec.name === 'gateway' ? [{ name: 'supergraph', configMap: { name: 'c360-supergraph' } }] : [])],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: { selector: selectorOf(spec.name), ports: [{ name: 'http', port: spec.port, targetPort: 'http' }] },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: spec.name },
        minReplicas: spec.replicas.min,
        maxReplicas: spec.replicas.max,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata,
      spec: { minAvailable: 1, selector: { matchLabels: selectorOf(spec.name) } },
    },
    networkPolicy(spec, all),
  ];
}

export function kustomization(all: readonly ServiceSpec[]): object {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: NAMESPACE,
    resources: ['shared.yaml', ...all.map((s) => `${s.name}.yaml`)],
    // The gateway's supergraph, published beside this file. A stable name, so an update changes the
    // mounted file in place and the gateway reloads it without a restart.
    configMapGenerator: [{ name: 'c360-supergraph', files: ['supergraph.graphql'], options: { disableNameSuffixHash: true } }],
    images: all.map((s) => ({ name: `c360/${s.name}`, newTag: 'latest' })),
  };
}
