/**
 * Expressions over a journey timeline document ({ s: [{ m, t, e, c, w }] } in time order), shared by
 * the analytics pipelines. They stay within what both MongoDB 4.4+ and the local stand-in
 * (mongo-java-server) evaluate: no $let, no $setWindowFields, no expressions inside array literals.
 */
export const at = (array: unknown, index: unknown) => ({ $arrayElemAt: [array, index] });

/** Index of the first entry at or after `since`; the times are sorted, so it is how many come before. */
export function firstIndexAtOrAfter(times: string, since: Date) {
  return { $cond: [{ $gte: [at(times, 0), since] }, 0, { $size: { $filter: { input: times, as: 'x', cond: { $lt: ['$$x', since] } } } }] };
}

/** One field of every entry, in order: the compiled column when it is current, else read from the entries. */
export function column(field: 'e' | 't' | 'c' | 'w') {
  return { $cond: [{ $eq: ['$n', '$cn'] }, `$${field}`, `$s.${field}`] };
}
