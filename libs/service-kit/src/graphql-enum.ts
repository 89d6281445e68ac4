/**
 * The GraphQL enum value of an internal lower-case value (`held` is `HELD`), typed as the literal the
 * generated resolver types expect, for enums whose resolvers translate values themselves.
 */
export function toGraphQLEnum<T extends string>(value: T): Uppercase<T> {
  return value.toUpperCase() as Uppercase<T>;
}
