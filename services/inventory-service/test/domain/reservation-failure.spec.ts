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
