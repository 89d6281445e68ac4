import { toGraphQLEnum } from '@c360/service-kit';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { InvalidSchemaError } from '../domain/event-schema-catalog';
import { decodeCursor, encodeCursor } from '../domain/journey-cursor';
import { touchpointError } from '../errors';
import type { EventSchemaRegistry } from '../intake/event-schema-registry';
import type { QuarantineReplay, ReplayResult } from '../intake/quarantine-replay';
import type { QuarantinedTouchpointDoc, QuarantineRepository } from '../store/quarantine.repository';

const MAX_PAGE = 100;
const MAX_REPLAY = 1000;

function toNode(doc: QuarantinedTouchpointDoc) {
  return { ...doc, messageId: doc._id, code: doc.code, status: toGraphQLEnum(doc.status), item: JSON.parse(doc.item) as unknown };
}

const toResult = (r: ReplayResult) => ({ ...r, status: toGraphQLEnum(r.status) });

export function createQuarantineResolvers(deps: { quarantine: QuarantineRepository; replay: QuarantineReplay; registry: EventSchemaRegistry }): {
  Query: QueryResolvers;
  Mutation: MutationResolvers;
} {
  return {
    Query: {
      quarantinedTouchpoints: async (_, args) => {
        if (args.first < 1 || args.first > MAX_PAGE) throw touchpointError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}`);
        const cursor = args.after ? decodeCursor(args.after) : null;
        if (args.after && !cursor) throw touchpointError('BAD_USER_INPUT', 'after is not a valid cursor');
        const filter = { status: args.status === 'HELD' ? ('held' as const) : ('replayed' as const), ...(args.event ? { event: args.event } : {}) };
        const after = cursor ? { quarantinedAt: cursor.occurredAt, messageId: cursor.messageId } : null;
        const [page, totalCount] = await Promise.all([deps.quarantine.list(filter, args.first + 1, after), deps.quarantine.count(filter)]);
        const edges = page
          .slice(0, args.first)
          .map((doc) => ({ cursor: encodeCursor({ occurredAt: doc.quarantinedAt, messageId: doc._id }), node: toNode(doc) }));
        return { edges, totalCount, pageInfo: { hasNextPage: page.length > args.first, endCursor: edges.at(-1)?.cursor ?? null } };
      },
      eventSchemas: async (_, args) => {
        const all = await deps.registry.list();
        return args.event ? all.filter((s) => s.event === args.event) : all;
      },
    },
    Mutation: {
      registerEventSchema: async (_, args) => {
        if (!args.event.trim() || args.event.length > 128) throw touchpointError('BAD_USER_INPUT', 'event must be 1 to 128 characters');
        try {
          return await deps.registry.register(args.event.trim(), args.schema);
        } catch (err) {
          if (err instanceof InvalidSchemaError) throw touchpointError('BAD_USER_INPUT', err.message);
          throw err;
        }
      },
      replayQuarantinedTouchpoints: async (_, args) => {
        if (!args.messageIds === !args.event) throw touchpointError('BAD_USER_INPUT', 'give either messageIds or event');
        if (args.messageIds && args.messageIds.length > MAX_REPLAY) throw touchpointError('BAD_USER_INPUT', `at most ${MAX_REPLAY} messageIds at a time`);
        const results = args.messageIds ? await deps.replay.replay(args.messageIds) : await deps.replay.replayEvent(args.event ?? '', MAX_REPLAY);
        return results.map(toResult);
      },
      correctQuarantinedTouchpoint: async (_, args) => {
        if (typeof args.properties !== 'object' || args.properties === null || Array.isArray(args.properties))
          throw touchpointError('BAD_USER_INPUT', 'properties must be an object');
        return toResult(await deps.replay.correct(args.messageId, args.properties as Record<string, unknown>));
      },
    },
  };
}
