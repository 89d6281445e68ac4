import { redactFailureReason } from './failure-reason';

describe('redactFailureReason', () => {
  it('masks the value MongoDB names in a duplicate-key error', () => {
    const reason = 'E11000 duplicate key error collection: c360.profiles index: email_1 dup key: { email: "ann@example.com" }';
    expect(redactFailureReason(reason)).toBe('E11000 duplicate key error collection: c360.profiles index: email_1 dup key: {…}');
  });

  it('masks email addresses and phone numbers anywhere in a reason', () => {
    expect(redactFailureReason('no customer for ann.lee+x@mail.example.org or +1 (415) 555-0100 yet')).toBe('no customer for <email> or <number> yet');
  });

  it('keeps what says why: codes, versions, short numbers and counts', () => {
    const reason = 'UNSUPPORTED_PAYLOAD_VERSION: customer.updated payload is version 2.0; this consumer reads major 1 only (3 items)';
    expect(redactFailureReason(reason)).toBe(reason);
  });

  it('puts a multi-line reason on one line and cuts a long one', () => {
    expect(redactFailureReason('first\n  second')).toBe('first second');
    const cut = redactFailureReason('x'.repeat(500), 50);
    expect(cut).toHaveLength(50);
    expect(cut.endsWith('…')).toBe(true);
  });
});
