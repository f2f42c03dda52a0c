import { expect } from 'chai';
import { allowedCancelReasons } from '../src/checker/index.ts';
import { seededRandom } from '../src/harness/random.ts';
import { createScenario } from '../src/harness/scenario.ts';

describe('createScenario', () => {
  it('draws the same orders from the same seed, so a run can be replayed', () => {
    const draw = () => {
      const scenario = createScenario('T', seededRandom(42));
      return Array.from({ length: 20 }, () => scenario.nextOrder());
    };
    expect(draw()).to.deep.equal(draw());
  });

  it('draws orders of every kind the checker knows how to judge', () => {
    const scenario = createScenario('T', seededRandom(1));
    const inputs = scenario.inputs([]);
    const reasons = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const order = scenario.nextOrder();
      const candidate = {
        orderId: String(i),
        status: 'CANCELLED',
        cancelReason: null,
        total: 0,
        outboxSize: 0,
        returns: [],
        ...order,
      };
      for (const reason of allowedCancelReasons(candidate, inputs)) reasons.add(reason);
    }
    expect([...reasons].sort()).to.include.members([
      'ACCOUNT_NOT_FOUND',
      'OUT_OF_STOCK',
      'PAYMENT_DECLINED',
      'SKU_NOT_FOUND',
    ]);
  });

  it('keeps the run to its own names', () => {
    const scenario = createScenario('RUN1', seededRandom(3));
    const { customers, skus } = scenario.scope();
    expect([...customers, ...skus].every((name) => name.startsWith('RUN1-'))).to.equal(true);
    const order = scenario.nextOrder();
    expect(customers).to.include(order.customerId);
    expect(order.items.every((line) => skus.includes(line.sku))).to.equal(true);
  });
});
