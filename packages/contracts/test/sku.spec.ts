import { expect } from 'chai';
import { isSku } from '../src/index.ts';

describe('SKU format', () => {
  it('accepts letters, digits, dots, underscores and dashes, starting with a letter or digit', () => {
    for (const sku of ['SKU-1', 'tshirt.red.L', '42', 'a_b-c.d', 'X'.repeat(64)]) {
      expect(isSku(sku), sku).to.equal(true);
    }
  });

  it('refuses empty, over-long, oddly started or spaced SKUs, and anything that could escape a URL or a query', () => {
    for (const sku of ['', 'X'.repeat(65), '-SKU', '.SKU', 'SKU 1', 'SKU/1', '$gt', 'SKU-1\n', 'ü']) {
      expect(isSku(sku), JSON.stringify(sku)).to.equal(false);
    }
  });
});
