import { sessionise, type SessionTouch } from './sessions';

const at = (min: number) => new Date(Date.UTC(2026, 4, 1, 9, 0) + min * 60_000);
const touch = (min: number, channel: SessionTouch['channel'], family: SessionTouch['family'], eventKey = 'page'): SessionTouch => ({
  occurredAt: at(min),
  channel,
  family,
  eventKey,
});

describe('sessionise', () => {
  it("cuts a family's touchpoints where the gap exceeds the limit, and keeps families apart", () => {
    const sessions = sessionise(
      [
        touch(0, 'web', 'owned_digital'),
        touch(20, 'app', 'owned_digital', 'screen'),
        touch(50, 'web', 'owned_digital'),
        touch(81, 'web', 'owned_digital'),
        touch(10, 'call_center', 'assisted', 'contact'),
      ],
      30 * 60_000,
    );
    expect(sessions.map((s) => [s.family, s.startedAt.getTime() - at(0).getTime(), s.touchpointCount, s.channels, s.eventNames])).toEqual([
      ['owned_digital', 0, 3, ['app', 'web'], ['page', 'screen']],
      ['assisted', 10 * 60_000, 1, ['call_center'], ['contact']],
      ['owned_digital', 81 * 60_000, 1, ['web'], ['page']],
    ]);
  });

  it('keeps a gap of exactly the limit inside the session', () => {
    expect(sessionise([touch(0, 'web', 'owned_digital'), touch(30, 'web', 'owned_digital')], 30 * 60_000)).toHaveLength(1);
  });
});
