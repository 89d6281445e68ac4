import { partnerEventSchema, partnerUpdatesChannel, type PartnerEvent, type PartnerEventType } from '@c360/contracts';
import { subscribeWhenReady, type Logger, type RedisClient } from '@c360/service-kit';

/** A subscriber that falls this far behind loses its oldest updates; versions let it notice and re-read. */
const MAX_BUFFERED = 1_000;

type Listener = (update: PartnerEvent) => void;

/**
 * Fans the partner channels governance publishes on (Redis pub/sub) out to the subscriptions of
 * this gateway; one Redis subscription per partner channel, however many sockets listen on it.
 */
export class PartnerUpdateHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly subscriber: RedisClient,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    subscriber.on('message', (channel: string, message: string) => this.dispatch(channel, message));
  }

  private dispatch(channel: string, message: string): void {
    const listeners = this.listeners.get(channel);
    if (!listeners) return;
    let update: PartnerEvent;
    try {
      update = partnerEventSchema.parse(JSON.parse(message));
    } catch {
      this.logger.warn({ channel }, 'malformed partner update dropped');
      return;
    }
    for (const listener of listeners) listener(update);
  }

  /**
   * Events for one partner, optionally only some customers and some kinds of event, as an async
   * iterator a subscription can return.
   */
  async listen<T extends PartnerEventType>(
    partnerId: string,
    customerIds: readonly string[] | null,
    types: readonly T[] | null,
  ): Promise<AsyncIterableIterator<Extract<PartnerEvent, { type: T }>>> {
    type Wanted = Extract<PartnerEvent, { type: T }>;
    const channel = partnerUpdatesChannel(this.prefix, partnerId);
    const wanted = customerIds && customerIds.length > 0 ? new Set(customerIds) : null;
    const kinds: ReadonlySet<PartnerEventType> | null = types ? new Set(types) : null;
    const buffer: Wanted[] = [];
    let wake: ((r: IteratorResult<Wanted>) => void) | null = null;
    let done = false;
    const isWanted = (update: PartnerEvent): update is Wanted => (!kinds || kinds.has(update.type)) && (!wanted || wanted.has(update.customerId));
    const listener: Listener = (update) => {
      if (!isWanted(update)) return;
      if (wake) {
        const w = wake;
        wake = null;
        w({ value: update, done: false });
        return;
      }
      buffer.push(update);
      if (buffer.length > MAX_BUFFERED) buffer.shift();
    };
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await subscribeWhenReady(this.subscriber, channel);
    }
    set.add(listener);
    const stop = async () => {
      done = true;
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(channel) === set) {
        this.listeners.delete(channel);
        await this.subscriber.unsubscribe(channel);
      }
      wake?.({ value: undefined, done: true });
      wake = null;
    };
    const iterator: AsyncIterableIterator<Wanted> = {
      next: () => {
        if (done) return Promise.resolve({ value: undefined, done: true });
        const next = buffer.shift();
        if (next) return Promise.resolve({ value: next, done: false });
        return new Promise((resolve) => (wake = resolve));
      },
      return: async () => {
        await stop();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
