import { baseConfigSchema, RESOURCE_GRACE_MS as DRIVER_CLOSE_MS } from '@c360/service-kit';
import { composeFile } from './compose-file';
import { serviceManifests } from './kubernetes-manifests';
import { SERVICES } from './services';

interface Container {
  env: { name: string; value?: string }[];
  lifecycle: { preStop: { exec: { command: string[] } } };
}
interface Deployment {
  kind: string;
  spec: { template: { spec: { terminationGracePeriodSeconds: number; containers: Container[] } } };
}

describe('the shutdown budget of the rendered deployment', () => {
  it.each(SERVICES.map((s) => [s.name, s] as const))('%s ends its shutdown before Kubernetes kills the pod', (_, spec) => {
    const deployment = serviceManifests(spec, SERVICES).find((m) => (m as Deployment).kind === 'Deployment') as Deployment;
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    const env = Object.fromEntries(container!.env.map((e) => [e.name, e.value]));
    const timeoutMs = baseConfigSchema.shape.SHUTDOWN_TIMEOUT_MS.parse(env['SHUTDOWN_TIMEOUT_MS']);
    const drainMs = baseConfigSchema.shape.SHUTDOWN_DRAIN_MS.parse(env['SHUTDOWN_DRAIN_MS']);
    const preStopMs = Number(container!.lifecycle.preStop.exec.command[1]) * 1000;
    expect(drainMs).toBeLessThan(timeoutMs);
    expect(preStopMs + timeoutMs + DRIVER_CLOSE_MS).toBeLessThan(pod.terminationGracePeriodSeconds * 1000);
    // A service deployed without the variable is inside the budget too.
    expect(preStopMs + baseConfigSchema.shape.SHUTDOWN_TIMEOUT_MS.parse(undefined) + DRIVER_CLOSE_MS).toBeLessThan(pod.terminationGracePeriodSeconds * 1000);
  });

  it('gives compose containers more than the default shutdown budget before they are killed', () => {
    const services = (composeFile(SERVICES) as { services: Record<string, { stop_grace_period?: string }> }).services;
    for (const spec of SERVICES) {
      const grace = Number(/^(\d+)s$/.exec(services[spec.name]?.stop_grace_period ?? '')?.[1]) * 1000;
      expect(grace).toBeGreaterThan(baseConfigSchema.shape.SHUTDOWN_TIMEOUT_MS.parse(undefined) + DRIVER_CLOSE_MS);
    }
  });
});
