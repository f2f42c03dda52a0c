import { expect } from 'chai';
import { planLines } from '../../src/domain/plan-lines.ts';

const line = (sku: string, quantity: number) => ({ sku, quantity });

describe('planLines', () => {
  it('holds one line per SKU, sorted by SKU, whatever order the lines came in', () => {
    expect(planLines([line('SKU-2', 1), line('SKU-1', 2)])).to.deep.equal({
      ok: true,
      lines: [line('SKU-1', 2), line('SKU-2', 1)],
    });
  });

  it('adds up lines of the same SKU, since a SKU carries one hold per order', () => {
    expect(planLines([line('SKU-1', 2), line('SKU-2', 1), line('SKU-1', 3)])).to.deep.equal({
      ok: true,
      lines: [line('SKU-1', 5), line('SKU-2', 1)],
    });
  });

  it('refuses an order without lines as UNKNOWN, naming no SKU', () => {
    expect(planLines([])).to.deep.equal({ ok: false, failure: { reason: 'UNKNOWN', unavailableSkus: [] } });
  });

  it('refuses zero, negative and fractional quantities as UNKNOWN, naming each such SKU once', () => {
    expect(
      planLines([line('SKU-3', 0), line('SKU-1', 1), line('SKU-2', -4), line('SKU-3', 1.5)]),
    ).to.deep.equal({ ok: false, failure: { reason: 'UNKNOWN', unavailableSkus: ['SKU-2', 'SKU-3'] } });
  });

  it('refuses a SKU whose lines add up beyond a safe integer', () => {
    expect(planLines([line('SKU-1', Number.MAX_SAFE_INTEGER), line('SKU-1', 1)])).to.deep.equal({
      ok: false,
      failure: { reason: 'UNKNOWN', unavailableSkus: ['SKU-1'] },
    });
  });
});
