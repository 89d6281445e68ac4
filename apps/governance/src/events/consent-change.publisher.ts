import { CONSENT_CHANGED, consentChangedChannel, stampVersion, type ConsentChangedEvent } from '@c360/contracts';
import type { RedisClient } from '@c360/service-kit';

/** Announces that a person's consents or restriction changed, so consent clients drop cached answers. */
export class ConsentChangePublisher {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async publish(customerIds: readonly string[]): Promise<void> {
    const event: ConsentChangedEvent = { customerIds: [...customerIds], changedAt: new Date().toISOString() };
    await this.redis.publish(consentChangedChannel(this.prefix), JSON.stringify(stampVersion(CONSENT_CHANGED, event)));
  }
}
