import type { Caller } from '@c360/auth';
import { createHttpApp, createLogger, createSubgraphMiddleware, listen, closeServer, mountGraphQL, type SubgraphResolvers } from '@c360/service-kit';
import { schemaSource, type SubgraphName } from '@c360/supergraph';
import { TEST_SECRET } from '@c360/testing';
import gql from 'graphql-tag';

/**
 * Stand-ins for the subgraphs generation grounds on, built from their real SDL (libs/supergraph reads
 * it) and served by service-kit's real subgraph middleware: generation's queries are validated against
 * today's schemas, and field access (roles, @personal, consent) masks exactly as in the real service.
 * Only the data is a fixture. `extraSdl` lets a test serve fields another branch is adding.
 */
export interface FakeSubgraph {
  url: string;
  /** Who asked, in order: generation must forward the caller's own roles. */
  callers: Caller[];
  close(): Promise<void>;
}

export async function startFakeSubgraph(
  name: SubgraphName,
  customers: (id: string) => Record<string, unknown> | null,
  options: { extraSdl?: string; consent?: (customerId: string, purpose: string) => boolean; resolvers?: Record<string, unknown> } = {},
): Promise<FakeSubgraph> {
  const callers: Caller[] = [];
  const resolvers = {
    ...options.resolvers,
    Customer: {
      __resolveReference: (ref: { id: string }, context: { caller: Caller }) => {
        callers.push(context.caller);
        return { id: ref.id, ...customers(ref.id) };
      },
    },
  } as unknown as SubgraphResolvers;
  const { server, middleware } = await createSubgraphMiddleware({
    typeDefs: gql(schemaSource(name) + (options.extraSdl ?? '')),
    resolvers,
    internalTokenSecret: TEST_SECRET,
    logger: createLogger(`fake-${name}`, 'silent'),
    consentCheck: async (customerId, purpose) => options.consent?.(customerId, purpose) ?? true,
  });
  const app = createHttpApp([]);
  mountGraphQL(app, middleware);
  const running = await listen(app, '127.0.0.1', 0);
  return {
    url: `${running.url}/graphql`,
    callers,
    close: async () => {
      await closeServer(running.server);
      await server.stop();
    },
  };
}

/**
 * A Customer field insights may add (a next best action per customer): served only by tests that
 * check generation grounds on fields as they appear, with no change of its own.
 */
export const INSIGHTS_EXTENSION_SDL = /* GraphQL */ `
  extend type Customer {
    nextBestAction: ProposedDecision
  }
  type ProposedAction {
    id: ID!
    name: String!
    offer: String
  }
  type ProposedDecision {
    action: ProposedAction
    channel: Channel
    holdout: Boolean!
  }
`;
