import { isDuplicateKey, isWriteConflict } from './mongo';

describe('write failures that may be tried again', () => {
  it('recognise MongoDB’s write conflict and transient transaction errors, and a deadlock in the PostgreSQL under FerretDB', () => {
    expect(isWriteConflict({ code: 112, message: 'WriteConflict' })).toBe(true);
    expect(isWriteConflict({ code: 251, errorLabels: ['TransientTransactionError'] })).toBe(true);
    // What FerretDB 2.7 answered two racing inserts on two unique keys here (code and message as received).
    expect(isWriteConflict({ code: 16908292, message: 'deadlock detected' })).toBe(true);
    expect(isWriteConflict({ code: 1, message: 'could not serialize access due to concurrent update' })).toBe(true);
  });

  it('leave every other failure to the caller', () => {
    expect(isWriteConflict({ code: 11000, message: 'E11000 duplicate key error' })).toBe(false);
    expect(isWriteConflict(new Error('connection refused'))).toBe(false);
    expect(isWriteConflict(null)).toBe(false);
    expect(isDuplicateKey({ code: 11000 })).toBe(true);
  });
});
