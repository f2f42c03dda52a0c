import { expect } from 'chai';
import type { StockModel } from '../../src/model/stock-model.ts';

/**
 * What is stored for a SKU, checked for conservation on the way: every unit put in is available,
 * reserved or sold (`available + reserved + sold = received`), no counter is negative, and what is
 * reserved is exactly what the hold markers add up to.
 */
export async function conservedStock(Stock: StockModel, sku: string) {
  const stock = await Stock.findById(sku).lean();
  if (!stock) throw new Error(`no stock document for ${sku}`);
  const { available, reserved, sold, received, holds } = stock;
  const where = `${sku}: ${JSON.stringify({ available, reserved, sold, received, holds })}`;
  expect(available + reserved + sold, `conservation of ${where}`).to.equal(received);
  expect(Math.min(available, reserved, sold), `no negative counter in ${where}`).to.be.at.least(0);
  expect(
    holds.reduce((sum, hold) => sum + hold.quantity, 0),
    `holds add up to reserved in ${where}`,
  ).to.equal(reserved);
  return { available, reserved, sold, received, holders: holds.map((hold) => hold.orderId).sort() };
}
