import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { composeSupergraph, defaultSubgraphUrls } from './compose-supergraph';

/**
 * The schema clients see through the gateway (no join__ or link directives): what frontends'
 * operations are generated and checked against (apps/console, codegen.ts).
 */
export function apiSchemaSdl(): string {
  const result = composeSupergraph(defaultSubgraphUrls({}));
  if ('errors' in result) throw new Error(`composition failed: ${result.errors.join('; ')}`);
  return printSchema(Supergraph.build(result.supergraphSdl).apiSchema().toGraphQLJSSchema());
}
