/** Posts touchpoints to the batch endpoint as a client would, waiting out 429s as Retry-After says. */
export async function postBatches(
  url: string,
  token: string,
  items: AsyncIterable<unknown[]> | Iterable<unknown[]>,
): Promise<{ accepted: number; quarantined: number; rejected: number }> {
  const totals = { accepted: 0, quarantined: 0, rejected: 0 };
  for await (const batch of items) {
    for (;;) {
      const res = await fetch(`${url}/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(batch),
      });
      if (res.status === 429) {
        await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? '1') * 1000));
        continue;
      }
      if (!res.ok) throw new Error(`batch refused: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { accepted: number; quarantined?: number; rejected: number };
      totals.accepted += body.accepted;
      totals.quarantined += body.quarantined ?? 0;
      totals.rejected += body.rejected;
      break;
    }
  }
  return totals;
}

/** Groups a stream of items into arrays of at most `size`. */
export function* chunks<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
