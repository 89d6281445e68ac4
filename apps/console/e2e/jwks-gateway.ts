import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeSupergraph, SUBGRAPHS, type SubgraphName } from '@c360/supergraph';
import { freePort, ServiceProcess, TEST_SECRET, testStack } from '@c360/testing';
// The running system's subgraphs, as apps/e2e starts them.
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { System } from '../../e2e/src/system';

/**
 * A second gateway in front of the running system's subgraphs that verifies access tokens only through
 * an identity provider's JWKS (no development secret), as a production gateway does; its CORS allows
 * exactly `consoleOrigin`.
 */
export async function startJwksGateway(
  system: System,
  idp: { jwksUrl: string; issuer: string; audience: string },
  consoleOrigin: string,
): Promise<ServiceProcess> {
  const urls = Object.fromEntries([...system.subgraphs].map(([name, s]) => [name, `${s.url}/graphql`])) as Record<SubgraphName, string>;
  const composed = composeSupergraph(urls);
  if ('errors' in composed) throw new Error(`composition failed: ${composed.errors.join('; ')}`);
  const supergraphPath = path.join(mkdtempSync(path.join(tmpdir(), 'c360-console-oidc-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  const gateway = new ServiceProcess('gateway', await freePort(), {
    ...testStack(),
    ...Object.fromEntries(SUBGRAPHS.map((s) => [s.urlEnv, urls[s.name]])),
    QUEUE_PREFIX: system.queuePrefix,
    INTERNAL_TOKEN_SECRET: TEST_SECRET,
    LOG_LEVEL: 'warn',
    SUPERGRAPH_PATH: supergraphPath,
    ACCESS_TOKEN_JWKS_URL: idp.jwksUrl,
    ACCESS_TOKEN_ISSUER: idp.issuer,
    ACCESS_TOKEN_AUDIENCE: idp.audience,
    CONSOLE_ORIGIN: consoleOrigin,
  });
  await gateway.start();
  return gateway;
}
