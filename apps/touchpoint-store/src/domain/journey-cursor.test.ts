import { decodeCursor, encodeCursor } from './journey-cursor';

describe('journey cursors', () => {
  it('round-trips a position', () => {
    const cursor = { occurredAt: new Date('2026-05-01T10:00:00.123Z'), messageId: 'm:1/ü' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each(['', 'not-base64!', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('["nope","m"]').toString('base64url')])('rejects %p', (raw) =>
    expect(decodeCursor(raw)).toBeNull(),
  );
});
