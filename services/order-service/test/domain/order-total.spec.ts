import { expect } from 'chai';
import { orderLimits } from '../../src/domain/order-limits.ts';
import { OrderTotalOutOfRangeError } from '../../src/domain/order-total-error.ts';
import { orderTotal } from '../../src/domain/order-total.ts';

describe('orderTotal', () => {
  it('is the sum of quantity × unit price over all lines, in minor units', () => {
    expect(
      orderTotal([
        { quantity: 2, unitPrice: 1250 },
        { quantity: 1, unitPrice: 499 },
      ]),
    ).to.equal(2999);
  });

  it('is the line total for a single line', () => {
    expect(orderTotal([{ quantity: 3, unitPrice: 333 }])).to.equal(999);
  });

  it('counts free lines as nothing', () => {
    expect(
      orderTotal([
        { quantity: 5, unitPrice: 0 },
        { quantity: 1, unitPrice: 100 },
      ]),
    ).to.equal(100);
  });

  it('stays exact at the largest order the limits allow', () => {
    const line = { quantity: orderLimits.maxQuantity, unitPrice: orderLimits.maxUnitPriceMinor };
    const total = orderTotal(Array.from({ length: orderLimits.maxLines }, () => line));
    expect(total).to.equal(orderLimits.maxLines * orderLimits.maxQuantity * orderLimits.maxUnitPriceMinor);
    expect(Number.isSafeInteger(total)).to.equal(true);
  });

  it('refuses a total past the safe integers rather than rounding money', () => {
    const huge = { quantity: 1, unitPrice: Number.MAX_SAFE_INTEGER };
    expect(() => orderTotal([huge, huge]))
      .to.throw(OrderTotalOutOfRangeError)
      .with.property('code', 'ORDER_TOTAL_OUT_OF_RANGE');
  });

  it('refuses a single line past the safe integers', () => {
    expect(() => orderTotal([{ quantity: 10_000, unitPrice: Number.MAX_SAFE_INTEGER }])).to.throw(
      OrderTotalOutOfRangeError,
    );
  });
});
