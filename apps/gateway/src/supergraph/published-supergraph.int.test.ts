import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningService } from '@c360/service-kit';
import { composeSubgraphs, currentSubgraphSdls, defaultSubgraphUrls } from '@c360/supergraph';
import { post, startTestGateway, tokenFor } from '../testing/test-gateway';

/** The supergraph as composed now, or with one additive change: a root field insights would add. */
function supergraph(withProbe: boolean): string {
  const sdls = currentSubgraphSdls();
  if (withProbe) sdls.insights = `${sdls.insights}\nextend type Query { supergraphProbe: String }\n`;
  const composed = composeSubgraphs(sdls, defaultSubgraphUrls({}));
  if ('errors' in composed) throw new Error(composed.errors.join('\n'));
  return composed.supergraphSdl;
}

describe('the published supergraph', () => {
  let gateway: RunningService;
  let file: string;

  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'c360-published-')), 'supergraph.graphql');
    writeFileSync(file, supergraph(false));
    gateway = await startTestGateway({ SUPERGRAPH_PATH: file, SUPERGRAPH_POLL_MS: '100' });
  });
  afterAll(() => gateway.close());

  it('is picked up when a new version is published, with no request failing while it changes', async () => {
    const auth = `Bearer ${await tokenFor({ roles: ['analyst'] })}`;
    const probe = async () => (await post(gateway, { query: '{ supergraphProbe }' }, auth)).body.errors?.[0]?.extensions?.code;
    expect(await probe()).toBe('GRAPHQL_VALIDATION_FAILED');

    // Steady traffic through the change: every answer must be a success.
    let stop = false;
    const answers: number[] = [];
    const traffic = (async () => {
      while (!stop) {
        const res = await post(gateway, { query: '{ __typename }' }, auth);
        answers.push(res.status === 200 && !res.body.errors ? 1 : 0);
      }
    })();

    writeFileSync(file, supergraph(true));
    const deadline = Date.now() + 10_000;
    let code = await probe();
    while (code === 'GRAPHQL_VALIDATION_FAILED' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      code = await probe();
    }
    stop = true;
    await traffic;
    // Known to the gateway now; no subgraph runs here, so the field fails later, at the fetch.
    expect(code).not.toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((ok) => ok === 0)).toHaveLength(0);
  });

  it('keeps serving the current version when a published file is not a supergraph', async () => {
    writeFileSync(file, 'this is not a supergraph');
    await new Promise((r) => setTimeout(r, 400));
    const auth = `Bearer ${await tokenFor({ roles: ['analyst'] })}`;
    const res = await post(gateway, { query: '{ __typename }' }, auth);
    expect(res.status).toBe(200);
    expect((await post(gateway, { query: '{ supergraphProbe }' }, auth)).body.errors?.[0]?.extensions?.code).not.toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
