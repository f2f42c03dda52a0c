import { expect } from 'chai';
import { isDuplicateKeyError } from '../src/index.ts';

describe('isDuplicateKeyError', () => {
  it('recognises MongoDB’s duplicate key code', () => {
    expect(isDuplicateKeyError({ code: 11000, message: 'E11000 duplicate key error' })).to.equal(true);
  });

  it('recognises FerretDB’s unique violation on update, which comes back as code 1', () => {
    // Measured on FerretDB 1.24 over PostgreSQL 17 (the local stack's store):
    const postgres =
      '[msg_update.go:133 handler.(*Handler).updateDocument] [collection.go:227 postgresql.(*collection).UpdateAll] ' +
      'ERROR: duplicate key value violates unique constraint "users_5e7cc513_email___b788067b_idx" (SQLSTATE 23505)';
    expect(isDuplicateKeyError({ code: 1, message: postgres })).to.equal(true);
    // and over SQLite:
    expect(isDuplicateKeyError({ code: 1, message: 'UNIQUE constraint failed: index' })).to.equal(true);
  });

  it('rejects other errors, including other code 1 errors', () => {
    expect(isDuplicateKeyError({ code: 1, message: 'something else' })).to.equal(false);
    expect(isDuplicateKeyError(new Error('E11000 look-alike'))).to.equal(false);
    expect(isDuplicateKeyError(undefined)).to.equal(false);
  });
});
