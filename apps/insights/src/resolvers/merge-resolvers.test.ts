import { DateTimeScalar } from '@c360/contracts';
import type { Resolvers } from '../__generated__/resolvers-types';
import { mergeResolvers } from './merge-resolvers';

describe('mergeResolvers', () => {
  it('joins the fields modules bring to one type and keeps scalars whole', () => {
    const engagement = () => null as never;
    const sentiment = () => null as never;
    const merged = mergeResolvers(
      { DateTime: DateTimeScalar, Customer: { engagement } } as Resolvers,
      { Customer: { sentiment }, Query: { sentimentModels: () => [] } } as Resolvers,
    );
    expect(merged.DateTime).toBe(DateTimeScalar);
    expect(Object.keys(merged.Customer ?? {}).sort()).toEqual(['engagement', 'sentiment']);
    expect(Object.keys(merged.Query ?? {})).toEqual(['sentimentModels']);
  });
});
