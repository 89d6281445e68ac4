import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { currentSubgraphSdls, SUBGRAPHS } from '@c360/supergraph';
import { applySchemaChange } from './schema-publication';
import { DEPLOY_COPY, latestVersion } from './schema-registry';

const repoRoot = path.resolve(__dirname, '../..');
const all = SUBGRAPHS.map((s) => s.name);
let registryRoot: string;

beforeEach(() => {
  registryRoot = mkdtempSync(path.join(tmpdir(), 'c360-schema-publication-'));
});
afterEach(() => rmSync(registryRoot, { recursive: true, force: true }));

const addition = '\nextend type Customer {\n  "An additive change."\n  addedForTest: String\n}\n';

describe('applySchemaChange in a scratch registry', () => {
  it('records the checkout first, then publishes an addition as the next version, in the file the gateway reads', () => {
    const sdls = currentSubgraphSdls();
    const first = applySchemaChange({ repoRoot, registryRoot, changed: all, sdls, publishedFor: 'all' }, 'publish');
    expect(first.ok && first.published?.version).toBe(1);

    const changed = { ...sdls, 'identity-graph': `${sdls['identity-graph']}${addition}` };
    const checked = applySchemaChange({ repoRoot, registryRoot, changed: ['identity-graph'], sdls: changed, publishedFor: 'identity-graph' }, 'check');
    expect(checked).toEqual({ ok: true, messages: [expect.stringMatching(/^identity-graph: compatible with published v1 for \d+ known operations$/)] });
    expect(latestVersion(registryRoot)?.version).toBe(1);

    const second = applySchemaChange({ repoRoot, registryRoot, changed: ['identity-graph'], sdls: changed, publishedFor: 'identity-graph' }, 'publish');
    expect(second.ok && second.published?.version).toBe(2);
    expect(readFileSync(path.join(registryRoot, DEPLOY_COPY), 'utf8')).toContain('addedForTest');
    expect(existsSync(path.join(registryRoot, `${DEPLOY_COPY}.next`))).toBe(false);
  });

  it('refuses to publish a removal that a known operation uses, naming it, and records nothing', () => {
    const sdls = currentSubgraphSdls();
    applySchemaChange({ repoRoot, registryRoot, changed: all, sdls, publishedFor: 'all' }, 'publish');
    const withoutVersion = sdls['identity-graph'].replace(/\n {2}"[^"\n]*"\n {2}version: Int!\n/, '\n');
    expect(withoutVersion).not.toBe(sdls['identity-graph']);

    const outcome = applySchemaChange(
      { repoRoot, registryRoot, changed: ['identity-graph'], sdls: { ...sdls, 'identity-graph': withoutVersion }, publishedFor: 'identity-graph' },
      'publish',
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.messages[0]).toMatch(/^identity-graph would break \d+ known operation\(s\) against published v1:$/);
    expect(outcome.messages.join('\n')).toMatch(/Customer\.version/);
    expect(latestVersion(registryRoot)?.version).toBe(1);
  });
});
