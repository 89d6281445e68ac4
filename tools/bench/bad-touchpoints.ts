import type { TouchpointInput } from '@c360/contracts';

/**
 * Items intake once answered `accepted` and no later stage could process (issue 14): a sentAt in the
 * year 9999, lone UTF-16 surrogates in a messageId or an identifier, a key with a NUL, a time before
 * the window. Mixed into a bench run, reconciliation must show them refused, not lost.
 */
const SPOILERS: ((t: TouchpointInput, i: number) => TouchpointInput)[] = [
  (t) => ({ ...t, sentAt: '9999-01-01T00:00:00.000Z' }),
  // Two of these differ only in their lone surrogates, which UTF-8 stores would collapse into one id.
  (t, i) => ({ ...t, messageId: `${i % 2 === 0 ? '\udfff\ud800' : '\ud800\ud800'}-${Math.floor(i / 2)}-${t.messageId}` }),
  (t) => ({ ...t, identifiers: Object.fromEntries(Object.entries(t.identifiers).map(([k, v]) => [k, `${v}\udc00`])) }),
  (t) => ({ ...t, properties: { ...t.properties, 'bad\u0000key': 1 } }),
  (t) => ({ ...t, occurredAt: '1970-01-01T00:00:00.000Z', sentAt: undefined }),
];

/** Replaces about `fraction` of the items, spread evenly, with bad ones; says how many. */
export function mixInBadItems(items: readonly TouchpointInput[], fraction: number): { items: TouchpointInput[]; bad: number } {
  if (fraction <= 0) return { items: [...items], bad: 0 };
  const every = Math.max(1, Math.round(1 / fraction));
  let bad = 0;
  const mixed = items.map((t, i) => (i % every === every - 1 ? SPOILERS[bad++ % SPOILERS.length]!(t, bad) : t));
  return { items: mixed, bad };
}
