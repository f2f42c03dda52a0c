import { expect } from 'chai';
import { decideBalanceChange, planBalanceChange } from '../../src/rules/balance-change.ts';

describe('planBalanceChange', () => {
  it('funds a new account with its whole starting balance', () => {
    expect(planBalanceChange(null, { balance: 10_000, currency: 'EUR' })).to.deep.equal({
      kind: 'change',
      delta: 10_000,
      currency: 'EUR',
    });
  });

  it('leaves a new account’s currency open when none is given: the first charge fixes it', () => {
    expect(planBalanceChange(null, { balance: 500 })).to.deep.equal({
      kind: 'change',
      delta: 500,
      currency: null,
    });
  });

  it('records a top-up as the difference to the current balance', () => {
    expect(planBalanceChange({ balance: 300, currency: 'EUR' }, { balance: 1000 })).to.deep.equal({
      kind: 'change',
      delta: 700,
      currency: 'EUR',
    });
  });

  it('records a lowered balance as negative funding', () => {
    expect(planBalanceChange({ balance: 1000, currency: 'EUR' }, { balance: 400 })).to.deep.equal({
      kind: 'change',
      delta: -600,
      currency: 'EUR',
    });
  });

  it('sets the currency of an account that has none yet', () => {
    expect(
      planBalanceChange({ balance: 1000, currency: null }, { balance: 1000, currency: 'USD' }),
    ).to.deep.equal({ kind: 'change', delta: 0, currency: 'USD' });
  });

  it('changes nothing when the account already is as asked (PUT is idempotent)', () => {
    const account = { balance: 1000, currency: 'EUR' };
    expect(planBalanceChange(account, { balance: 1000, currency: 'EUR' })).to.deep.equal({
      kind: 'unchanged',
      account,
    });
    expect(planBalanceChange(account, { balance: 1000 })).to.deep.equal({ kind: 'unchanged', account });
  });

  it('refuses to change the currency of an account that has one', () => {
    expect(
      planBalanceChange({ balance: 1000, currency: 'EUR' }, { balance: 1000, currency: 'USD' }),
    ).to.deep.equal({ kind: 'currency-conflict', current: 'EUR', requested: 'USD' });
  });
});

describe('decideBalanceChange', () => {
  const now = new Date('2024-05-06T08:00:00.000Z');

  it('creates a new account funded with its whole balance', () => {
    expect(decideBalanceChange(null, { balance: 5000, currency: 'EUR' }, now)).to.deep.equal({
      kind: 'insert',
      document: {
        balance: 5000,
        currency: 'EUR',
        totals: { funded: 5000, charged: 0, refunded: 0 },
        adjustments: [{ setTo: 5000, delta: 5000, at: now }],
      },
      outbox: [],
      result: { kind: 'created' },
    });
  });

  it('sets an existing balance and records the move, guarded by the balance and currency it was planned from', () => {
    expect(
      decideBalanceChange({ balance: 300, currency: null }, { balance: 1000, currency: 'EUR' }, now),
    ).to.deep.equal({
      kind: 'update',
      update: {
        $set: { balance: 1000, currency: 'EUR' },
        $inc: { 'totals.funded': 700 },
        $push: { adjustments: { setTo: 1000, delta: 700, at: now } },
      },
      result: { kind: 'updated' },
      guard: { balance: 300, currency: null },
    });
  });

  it('writes nothing when the account already is as asked', () => {
    expect(decideBalanceChange({ balance: 1000, currency: 'EUR' }, { balance: 1000 }, now)).to.deep.equal({
      kind: 'none',
      result: { kind: 'unchanged' },
    });
  });

  it('writes nothing, and names both currencies, when asked to change the currency', () => {
    expect(
      decideBalanceChange({ balance: 1000, currency: 'EUR' }, { balance: 2000, currency: 'USD' }, now),
    ).to.deep.equal({
      kind: 'none',
      result: { kind: 'currency-conflict', current: 'EUR', requested: 'USD' },
    });
  });
});
