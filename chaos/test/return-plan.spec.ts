import { expect } from 'chai';
import { seededRandom } from '../src/harness/random.ts';
import { drawReturnPlan, type ReturnPlan } from '../src/harness/return-plan.ts';
import { createScenario } from '../src/harness/scenario.ts';

/** Plans for 300 orders of a scenario, with the orders they were drawn for. */
function draw(seed: number) {
  const scenario = createScenario('T', seededRandom(seed));
  const random = seededRandom(seed + 1);
  return Array.from({ length: 300 }, () => {
    const order = scenario.nextOrder();
    return { order, plan: drawReturnPlan(order, random) };
  });
}

const units = (plan: ReturnPlan, sku: string) =>
  plan.ifConfirmed.flat(2).reduce((sum, line) => sum + (line.sku === sku ? line.quantity : 0), 0);

describe('drawReturnPlan', () => {
  it('draws the same plans from the same seed, so a run can be replayed', () => {
    expect(draw(7)).to.deep.equal(draw(7));
  });

  it('gives most orders no return, and draws every kind of plan', () => {
    const plans = draw(11).map((d) => d.plan);
    const kinds = new Set(plans.map((p) => p.kind));
    expect([...kinds].sort()).to.deep.equal(['concurrent', 'none', 'over', 'partial', 'second']);
    expect(plans.filter((p) => p.kind === 'none').length).to.be.greaterThan(150);
    expect(plans.some((p) => p.ifCancelled.length > 0)).to.equal(true);
  });

  it('returns only lines of the order, a partial one never more than bought and an over one always more', () => {
    for (const { order, plan } of draw(5)) {
      const bought = new Map(order.items.map((l) => [l.sku, l.quantity]));
      for (const line of [...plan.ifConfirmed, ...plan.ifCancelled].flat(2))
        expect(bought.has(line.sku), `${line.sku} is a line of the order`).to.equal(true);
      if (plan.kind === 'partial')
        for (const [sku, quantity] of bought) expect(units(plan, sku)).to.be.at.most(quantity);
      if (plan.kind === 'over')
        expect([...bought].some(([sku, quantity]) => units(plan, sku) > quantity)).to.equal(true);
    }
  });

  it('sends a concurrent plan’s two returns in one wave, and a second return in a wave of its own', () => {
    const plans = draw(13).map((d) => d.plan);
    for (const plan of plans.filter((p) => p.kind === 'concurrent'))
      expect(plan.ifConfirmed.map((wave) => wave.length)).to.deep.equal([2]);
    for (const plan of plans.filter((p) => p.kind === 'second'))
      expect(plan.ifConfirmed.every((wave) => wave.length === 1)).to.equal(true);
  });
});
