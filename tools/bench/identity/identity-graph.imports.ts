/* eslint-disable @nx/enforce-module-boundaries -- the evaluation and the benchmark measure identity-graph's own
   code in-process, against a real Neo4j; nothing deployed imports tools/. The one place they reach into the app. */
export { blockingKeys } from '../../../apps/identity-graph/src/domain/blocking';
export { comparisonVector, DEFAULT_MATCH_MODEL, type MatchModel } from '../../../apps/identity-graph/src/domain/comparison-model';
export { estimateModel, estimateU } from '../../../apps/identity-graph/src/domain/estimate-model';
export { createFellegiSunterMatcher } from '../../../apps/identity-graph/src/domain/fellegi-sunter';
export { rulesFrom } from '../../../apps/identity-graph/src/identity-setup';
export { IdentityRepository } from '../../../apps/identity-graph/src/store/identity.repository';
export { createNeo4jDriver } from '../../../apps/identity-graph/src/store/neo4j-driver';
export { toResolveRequest } from '../../../apps/identity-graph/src/workers/resolve-identity.processor';
