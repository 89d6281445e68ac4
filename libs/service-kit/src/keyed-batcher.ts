export interface KeyedBatcherOptions<T> {
  /** Most items one batch takes. */
  maxBatch: number;
  /** Batches running at once: more than one lets one batch's database waits overlap another's computing. */
  maxInFlight: number;
  /** The keys (customer ids) an item is about: a batch never starts on an item whose key a running batch holds. */
  keysOf(item: T): readonly string[];
  /**
   * Does the work of a batch; items of one key come in the order they were added. Items that failed
   * on their own (the others done) come back with their error; a throw fails the batch as a whole.
   */
  run(items: T[]): Promise<ReadonlyMap<T, unknown> | void>;
}

interface Waiting<T> {
  item: T;
  keys: readonly string[];
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Gathers items handed in one at a time (each a queue job awaiting its own promise) into batches. A
 * batch starts as soon as a slot is free, so nothing waits when the service keeps up; while batches
 * run, what arrives waits for the next one, and the batch grows with the backlog. That is the bounded
 * delay: an item waits at most for the batches already running.
 *
 * Items about a key that a running batch holds wait, so one customer is never rescored by two batches
 * at once (each batch reads then writes their scores), and the updates of one customer that piled up
 * meanwhile go together into one batch: one rescoring for all of them.
 *
 * An item can fail on its own (the batch says which); a batch that throws is run again item by item,
 * so one bad item fails alone (its job is retried by the queue) and the others complete: the work must
 * be idempotent, which every step of it is.
 */
export class KeyedBatcher<T> {
  private readonly waiting: Waiting<T>[] = [];
  private readonly busy = new Map<string, number>();
  private inFlight = 0;

  constructor(private readonly options: KeyedBatcherOptions<T>) {}

  /** Resolves once a batch holding the item has done its work; rejects with the item's own failure. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ item, keys: this.options.keysOf(item), resolve, reject });
      this.pump();
    });
  }

  /** Items not yet taken by a batch. */
  get backlog(): number {
    return this.waiting.length;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.inFlight += 1;
      void this.settle(batch).finally(() => {
        this.inFlight -= 1;
        for (const w of batch) for (const k of w.keys) this.release(k);
        this.pump();
      });
    }
  }

  /** The oldest waiting items whose keys no running batch holds, up to maxBatch; taken items' keys become busy. */
  private take(): Waiting<T>[] {
    const batch: Waiting<T>[] = [];
    // Keys of items passed over: a later item of the same key must not overtake them.
    const blocked = new Set<string>();
    for (let i = 0; i < this.waiting.length && batch.length < this.options.maxBatch;) {
      const w = this.waiting[i] as Waiting<T>;
      if (w.keys.some((k) => this.busy.has(k) || blocked.has(k))) {
        for (const k of w.keys) blocked.add(k);
        i += 1;
        continue;
      }
      this.waiting.splice(i, 1);
      batch.push(w);
    }
    for (const w of batch) for (const k of w.keys) this.busy.set(k, (this.busy.get(k) ?? 0) + 1);
    return batch;
  }

  private release(key: string): void {
    const n = (this.busy.get(key) ?? 1) - 1;
    if (n > 0) this.busy.set(key, n);
    else this.busy.delete(key);
  }

  private async settle(batch: Waiting<T>[]): Promise<void> {
    try {
      const failed = (await this.options.run(batch.map((w) => w.item))) ?? new Map<T, unknown>();
      for (const w of batch) {
        if (failed.has(w.item)) w.reject(failed.get(w.item));
        else w.resolve();
      }
      return;
    } catch (err) {
      if (batch.length === 1) {
        (batch[0] as Waiting<T>).reject(err);
        return;
      }
    }
    for (const w of batch) {
      try {
        const failed = await this.options.run([w.item]);
        if (failed?.has(w.item)) w.reject(failed.get(w.item));
        else w.resolve();
      } catch (err) {
        w.reject(err);
      }
    }
  }
}
