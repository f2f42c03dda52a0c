import { expect } from 'chai';
import { failureOf, type LineOutcome } from '../../src/domain/reservation-failure.ts';

const outcomes = (...pairs: [string, LineOutcome][]) => pairs.map(([sku, outcome]) => ({ sku, outcome }));

describe('failureOf', () => {
  it('is null when every line is held', () => {
    expect(failureOf(outcomes(['SKU-1', 'HELD'], ['SKU-2', 'HELD']))).to.equal(null);
  });

  it('reports OUT_OF_STOCK naming the SKUs without enough stock, in line order', () => {
    expect(
      failureOf(
        outcomes(
          ['SKU-1', 'HELD'],
          ['SKU-2', 'OUT_OF_STOCK'],
          ['SKU-3', 'AVAILABLE'],
          ['SKU-4', 'OUT_OF_STOCK'],
        ),
      ),
    ).to.deep.equal({ reason: 'OUT_OF_STOCK', unavailableSkus: ['SKU-2', 'SKU-4'] });
  });

  it('reports SKU_NOT_FOUND when any SKU is unknown, still naming every unavailable SKU', () => {
    expect(failureOf(outcomes(['SKU-1', 'OUT_OF_STOCK'], ['SKU-9', 'SKU_NOT_FOUND']))).to.deep.equal({
      reason: 'SKU_NOT_FOUND',
      unavailableSkus: ['SKU-1', 'SKU-9'],
    });
  });

  it('reports PRICE_NOT_SET for a SKU without a catalogue price, before a currency mismatch or missing stock', () => {
    expect(
      failureOf(
        outcomes(['SKU-1', 'OUT_OF_STOCK'], ['SKU-2', 'CURRENCY_MISMATCH'], ['SKU-3', 'PRICE_NOT_SET']),
      ),
    ).to.deep.equal({ reason: 'PRICE_NOT_SET', unavailableSkus: ['SKU-1', 'SKU-2', 'SKU-3'] });
  });

  it('reports CURRENCY_MISMATCH for a SKU priced in another currency than the order, before missing stock', () => {
    expect(failureOf(outcomes(['SKU-1', 'CURRENCY_MISMATCH'], ['SKU-2', 'OUT_OF_STOCK']))).to.deep.equal({
      reason: 'CURRENCY_MISMATCH',
      unavailableSkus: ['SKU-1', 'SKU-2'],
    });
  });

  it('ranks an unknown SKU above one that is not priced', () => {
    expect(failureOf(outcomes(['SKU-1', 'PRICE_NOT_SET'], ['SKU-9', 'SKU_NOT_FOUND']))).to.include({
      reason: 'SKU_NOT_FOUND',
    });
  });

  it('reports UNKNOWN when a line was not held although none is unavailable', () => {
    expect(failureOf(outcomes(['SKU-1', 'HELD'], ['SKU-2', 'AVAILABLE']))).to.deep.equal({
      reason: 'UNKNOWN',
      unavailableSkus: [],
    });
  });

  it('is null for no lines at all (planLines refuses those before anything is held)', () => {
    expect(failureOf([])).to.equal(null);
  });
});
