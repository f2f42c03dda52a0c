import { expect } from 'chai';
import { planBalanceChange } from '../../src/rules/balance-change.ts';

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
