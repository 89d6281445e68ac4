import { composeSubgraphs, defaultSubgraphUrls, type SubgraphName } from '@c360/supergraph';
import { buildSchema } from 'graphql';
import { clientBreaks } from './client-compatibility';
import { knownOperations } from './known-operations';
import { latestVersion, publish, type PublishedVersion } from './schema-registry';

export interface SchemaChange {
  /** The repository whose known client operations must keep working (the console's, the tests', the persisted list). */
  repoRoot: string;
  /** Where the registry lives (`schema/registry` and the deploy copy under it): the repository itself, or a drill's scratch copy. */
  registryRoot: string;
  /** The subgraphs whose SDL is taken from `sdls`; the others keep their published SDL. */
  changed: SubgraphName[];
  /** Every subgraph's SDL as it is about to be deployed (the checkout's, for the CLI). */
  sdls: Record<SubgraphName, string>;
  /** Recorded with the version: the subgraph whose change made it, or "all". */
  publishedFor: string;
}

export type ChangeOutcome =
  | { ok: false; messages: string[] }
  | {
      ok: true;
      messages: string[];
      /** The version recorded by a publish; undefined for a check, or when nothing changed. */
      published?: PublishedVersion;
    };

/**
 * What `schema:check` and `schema:publish` do: the changed subgraphs composed with the others'
 * published schemas, compared with the last published supergraph for every known client operation
 * (removals and narrowings that an operation uses fail, naming it; additions pass); a publish then
 * records the composed supergraph as the next version.
 */
export function applySchemaChange(change: SchemaChange, mode: 'check' | 'publish'): ChangeOutcome {
  const { changed } = change;
  const published = latestVersion(change.registryRoot);
  const candidateSdls = { ...(published?.subgraphs ?? change.sdls) };
  for (const name of changed) candidateSdls[name] = change.sdls[name];
  const candidate = composeSubgraphs(candidateSdls, defaultSubgraphUrls({}));
  if ('errors' in candidate) {
    return { ok: false, messages: [`composition failed with ${changed.join(', ')} as checked out:`, ...candidate.errors.map((e) => `  - ${e}`)] };
  }
  const messages: string[] = [];
  if (published) {
    const operations = knownOperations(change.repoRoot);
    const breaks = clientBreaks(buildSchema(published.apiSchemaSdl), buildSchema(candidate.apiSchemaSdl), operations);
    if (breaks.length) {
      return {
        ok: false,
        messages: [
          `${changed.join(', ')} would break ${breaks.length} known operation(s) against published v${published.version}:`,
          ...breaks.map((b) => `  ${b.operation}\n${b.reasons.map((r) => `    - ${r}`).join('\n')}`),
        ],
      };
    }
    messages.push(`${changed.join(', ')}: compatible with published v${published.version} for ${operations.length} known operations`);
  } else {
    messages.push('nothing published yet: the first publish records the current schemas');
  }
  if (mode === 'check') return { ok: true, messages };
  if (published && changed.every((n) => published.subgraphs[n] === change.sdls[n])) {
    return { ok: true, messages: [...messages, `no change to publish: v${published.version} is current`] };
  }
  const version = publish(change.registryRoot, {
    publishedFor: change.publishedFor,
    subgraphs: candidateSdls,
    supergraphSdl: candidate.supergraphSdl,
    apiSchemaSdl: candidate.apiSchemaSdl,
  });
  return { ok: true, messages: [...messages, `published v${version.version} (${version.publishedFor})`], published: version };
}
