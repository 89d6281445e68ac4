import { toGraphQLEnum } from './graphql-enum';

describe('toGraphQLEnum', () => {
  it('gives the GraphQL enum value of an internal value', () => {
    expect(toGraphQLEnum('held')).toBe('HELD');
    expect(toGraphQLEnum('first_touch_channel')).toBe('FIRST_TOUCH_CHANNEL');
  });
});
