import type { AnonymousJourney } from '../anonymous-journey';
import { pathsFromJourneys, type PathWindow } from './journey-paths';

const t = (day: number, event: string, channel: string, campaign: string | null = null) => ({
  at: new Date(Date.UTC(2026, 2, day, 12)),
  event,
  channel,
  campaign,
});
const journey = (...touches: ReturnType<typeof t>[]): AnonymousJourney => ({ firstSeenAt: touches[0]!.at, firstChannel: touches[0]!.channel, touches });
const WINDOW: PathWindow = {
  conversionEvent: 'Order Completed',
  from: new Date('2026-03-10T00:00:00Z'),
  to: new Date('2026-03-20T00:00:00Z'),
  lookbackDays: 7,
  by: 'CHANNEL',
};

describe('conversion paths from journeys', () => {
  it('takes the touches in the lookback before each conversion in the window, after the previous conversion', () => {
    const j = journey(
      t(1, 'Ad Clicked', 'ads'), // 10 days before the first conversion: outside its 7-day lookback
      t(8, 'Email Opened', 'email'),
      t(11, 'Order Completed', 'web'),
      t(12, 'Page Viewed', 'web'),
      t(14, 'Order Completed', 'app'),
      t(25, 'Order Completed', 'web'), // after the window
    );
    const { paths, unattributed, nonConverting } = pathsFromJourneys([j], WINDOW);
    expect(paths).toEqual([
      { touches: ['email'], ageDays: [3], conversions: 1, value: 1, nulls: 0 },
      { touches: ['web'], ageDays: [2], conversions: 1, value: 1, nulls: 0 },
    ]);
    expect([unattributed, nonConverting]).toEqual([0, 0]);
  });

  it('gives a journey that never converts in the window one non-converting path, and counts conversions with no touch', () => {
    const browsing = journey(t(2, 'Ad Clicked', 'ads'), t(12, 'Page Viewed', 'web'), t(15, 'Page Viewed', 'app'));
    const direct = journey(t(15, 'Order Completed', 'store'));
    const outside = journey(t(1, 'Page Viewed', 'web'));
    const result = pathsFromJourneys([browsing, direct, outside], WINDOW);
    // The lookback ends at the last touch (day 15): day 2 falls outside it.
    expect(result.paths).toEqual([{ touches: ['web', 'app'], ageDays: [3, 0], conversions: 0, value: 0, nulls: 1 }]);
    expect([result.unattributed, result.nonConverting]).toEqual([1, 1]);
  });

  it('by campaign keeps only touches that name one', () => {
    const j = journey(t(12, 'Email Opened', 'email', 'spring'), t(13, 'Page Viewed', 'web'), t(14, 'Order Completed', 'web'));
    expect(pathsFromJourneys([j], { ...WINDOW, by: 'CAMPAIGN' }).paths.map((p) => p.touches)).toEqual([['spring']]);
  });
});
