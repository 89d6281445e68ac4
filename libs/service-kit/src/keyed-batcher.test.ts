import { KeyedBatcher } from './keyed-batcher';

interface Item {
  id: string;
  key: string;
}

/** A batcher whose batches finish only when the test says so, recording what each batch held. */
function controlled(options: { maxBatch: number; maxInFlight: number; fail?: (items: Item[]) => boolean }) {
  const batches: string[][] = [];
  const finishers: (() => void)[] = [];
  const batcher = new KeyedBatcher<Item>({
    ...options,
    keysOf: (item) => [item.key],
    run: (items) => {
      batches.push(items.map((i) => i.id));
      if (options.fail?.(items)) return Promise.reject(new Error(`failed: ${items.map((i) => i.id).join(',')}`));
      return new Promise<void>((resolve) => finishers.push(resolve));
    },
  });
  const finishNext = async () => {
    finishers.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { batcher, batches, finishNext };
}

const item = (id: string, key: string): Item => ({ id, key });

describe('KeyedBatcher', () => {
  it('starts a batch at once when idle, and gathers what arrives meanwhile into the next', async () => {
    const { batcher, batches, finishNext } = controlled({ maxBatch: 10, maxInFlight: 1 });
    const first = batcher.add(item('a1', 'a'));
    const rest = ['b1', 'c1', 'd1'].map((id) => batcher.add(item(id, id[0] as string)));
    expect(batches).toEqual([['a1']]);
    expect(batcher.backlog).toBe(3);
    await finishNext();
    await first;
    expect(batches).toEqual([['a1'], ['b1', 'c1', 'd1']]);
    await finishNext();
    await Promise.all(rest);
  });

  it('never runs one key in two batches at once; its waiting items go together into one later batch, in order', async () => {
    const { batcher, batches, finishNext } = controlled({ maxBatch: 10, maxInFlight: 2 });
    const done = [batcher.add(item('a1', 'a')), batcher.add(item('a2', 'a')), batcher.add(item('b1', 'b')), batcher.add(item('a3', 'a'))];
    // The second slot may not take a2 or a3 while a1 runs; b1 may go.
    expect(batches).toEqual([['a1'], ['b1']]);
    await finishNext();
    expect(batches).toEqual([['a1'], ['b1'], ['a2', 'a3']]);
    await finishNext();
    await finishNext();
    await Promise.all(done);
  });

  it('keeps batches within maxBatch', async () => {
    const { batcher, batches, finishNext } = controlled({ maxBatch: 2, maxInFlight: 1 });
    const done = ['x', 'y', 'z', 'w', 'v'].map((k) => batcher.add(item(k, k)));
    await finishNext();
    await finishNext();
    await finishNext();
    await Promise.all(done);
    expect(batches).toEqual([['x'], ['y', 'z'], ['w', 'v']]);
  });

  it('runs a failed batch again item by item: only the bad item fails', async () => {
    const batches: string[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const batcher = new KeyedBatcher<Item>({
      maxBatch: 10,
      maxInFlight: 1,
      keysOf: (i) => [i.key],
      run: async (items) => {
        batches.push(items.map((i) => i.id));
        if (items[0]?.id === 'first') return gate;
        if (items.some((i) => i.id === 'bad')) throw new Error('bad item');
      },
    });
    const first = batcher.add(item('first', 'f'));
    const outcomes = Promise.allSettled(['ok1', 'bad', 'ok2'].map((id) => batcher.add(item(id, id))));
    release();
    await first;
    const settled = await outcomes;
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([['first'], ['ok1', 'bad', 'ok2'], ['ok1'], ['bad'], ['ok2']]);
  });

  it('fails only the items the batch answers as failed', async () => {
    const batches: string[][] = [];
    const batcher = new KeyedBatcher<Item>({
      maxBatch: 10,
      maxInFlight: 1,
      keysOf: (i) => [i.key],
      run: async (items) => {
        batches.push(items.map((i) => i.id));
        return new Map(items.filter((i) => i.id.startsWith('no')).map((i) => [i, new Error(`${i.id} unanswered`)]));
      },
    });
    const settled = await Promise.allSettled(['yes1', 'no1', 'yes2'].map((id) => batcher.add(item(id, id))));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe('no1 unanswered');
    // Not run again: the batch answered for each item.
    expect(batches.flat().filter((id) => id === 'yes1')).toHaveLength(1);
  });

  it('an item naming several keys waits while any of them is busy', async () => {
    const batches: string[][] = [];
    const finishers: (() => void)[] = [];
    const batcher = new KeyedBatcher<{ id: string; keys: string[] }>({
      maxBatch: 10,
      maxInFlight: 2,
      keysOf: (i) => i.keys,
      run: (items) => {
        batches.push(items.map((i) => i.id));
        return new Promise<void>((resolve) => finishers.push(resolve));
      },
    });
    const done = [batcher.add({ id: 'b', keys: ['b'] }), batcher.add({ id: 'a-absorbs-b', keys: ['a', 'b'] }), batcher.add({ id: 'c', keys: ['c'] })];
    expect(batches).toEqual([['b'], ['c']]);
    finishers.shift()?.();
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([['b'], ['c'], ['a-absorbs-b']]);
    for (const f of finishers) f();
    finishers.length = 0;
    await new Promise((r) => setImmediate(r));
    finishers.shift()?.();
    await Promise.all(done);
  });
});
