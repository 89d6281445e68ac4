import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';

/** The five subgraphs, their schema files and the port each listens on by default. */
export const SUBGRAPHS = [
  { name: 'identity-graph', port: 4001, urlEnv: 'IDENTITY_GRAPH_URL' },
  { name: 'touchpoint-store', port: 4002, urlEnv: 'TOUCHPOINT_STORE_URL' },
  { name: 'insights', port: 4003, urlEnv: 'INSIGHTS_URL' },
  { name: 'generation', port: 4004, urlEnv: 'GENERATION_URL' },
  { name: 'governance', port: 4005, urlEnv: 'GOVERNANCE_URL' },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

const root = path.resolve(__dirname, '../../..');

export function schemaPath(name: SubgraphName): string {
  return path.join(root, 'apps', name, 'src/schema.graphql');
}

/** schema.graphql first, then any module's own SDL file under src (e.g. governance's partners.graphql). */
export function schemaSource(name: SubgraphName): string {
  const src = path.join(root, 'apps', name, 'src');
  const modules = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.graphql') && f !== 'schema.graphql')
    .sort();
  return [schemaPath(name), ...modules.map((f) => path.join(src, f))].map((f) => readFileSync(f, 'utf8')).join('\n');
}

/**
 * Composes the subgraph schemas as the gateway will. Each subgraph's URL is baked into the
 * supergraph, so callers pass the URLs the gateway should route to.
 */
export function composeSupergraph(urls: Record<SubgraphName, string>): { supergraphSdl: string } | { errors: string[] } {
  return composeSubgraphs(currentSubgraphSdls(), urls);
}

/** Every subgraph's SDL as this checkout has it. */
export function currentSubgraphSdls(): Record<SubgraphName, string> {
  return Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, schemaSource(name)])) as Record<SubgraphName, string>;
}

/** Composes the given subgraph SDLs (e.g. the published ones with one replaced), returning the API schema too. */
export function composeSubgraphs(
  sdls: Record<SubgraphName, string>,
  urls: Record<SubgraphName, string>,
): { supergraphSdl: string; apiSchemaSdl: string } | { errors: string[] } {
  const result = composeServices(SUBGRAPHS.map(({ name }) => ({ name, url: urls[name], typeDefs: parse(sdls[name]) })));
  if (result.errors) return { errors: result.errors.map((e) => e.message) };
  return { supergraphSdl: result.supergraphSdl, apiSchemaSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()) };
}

export function defaultSubgraphUrls(env: NodeJS.ProcessEnv): Record<SubgraphName, string> {
  return Object.fromEntries(SUBGRAPHS.map((s) => [s.name, env[s.urlEnv] ?? `http://127.0.0.1:${s.port}/graphql`])) as Record<SubgraphName, string>;
}
