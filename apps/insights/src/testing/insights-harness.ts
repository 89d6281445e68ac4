import { grantingProfile, startStaticConsentService, type ConsentProfile, type StaticConsentService } from '@c360/consent-client';
import { createLogger, type RunningService } from '@c360/service-kit';
import { dropDatabase, TEST_SECRET, testStack, uniqueName } from '@c360/testing';
import { loadConfig } from '../config';
import { startInsights } from '../service';
import { TouchpointStoreHarness } from './touchpoint-store-harness';

/** insights started in-process against a real touchpoint-store process, each on its own database and queue prefix. */
export class InsightsWithJourneys {
  readonly touchpoints = new TouchpointStoreHarness();
  readonly db = uniqueName('c360_test_insights');
  readonly prefix = uniqueName('t');
  service!: RunningService;
  /** governance's stand-in: set a customer's answer with governance.set. */
  governance!: StaticConsentService;

  /**
   * `consent`: governance's answer for every customer (default: profiling granted). `before`: runs once
   * touchpoint-store is up and before insights starts, so a scheduled job never reads a half-seeded store.
   */
  async start(
    env: Record<string, string> = {},
    consent: Omit<ConsentProfile, 'customerId'> = grantingProfile(['profiling']),
    before: () => Promise<unknown> = async () => undefined,
  ): Promise<void> {
    this.governance = await startStaticConsentService(consent);
    await this.touchpoints.start(this.governance.url);
    await before();
    const config = loadConfig({
      ...testStack(),
      MONGODB_DB: this.db,
      QUEUE_PREFIX: this.prefix,
      PORT: '0',
      INTERNAL_TOKEN_SECRET: TEST_SECRET,
      LOG_LEVEL: 'silent',
      CONSENT_SERVICE_URL: this.governance.url,
      TOUCHPOINT_STORE_URL: `${this.touchpoints.url}/graphql`,
      ATTRIBUTION_BOOTSTRAP_REPLICATES: '50',
      ...env,
    });
    this.service = await startInsights(config, createLogger('insights-test', 'silent'));
  }

  async stop(): Promise<void> {
    await this.service?.close();
    await this.touchpoints.stop();
    await this.governance?.close();
    await dropDatabase(testStack().MONGODB_URI, this.db);
  }
}
