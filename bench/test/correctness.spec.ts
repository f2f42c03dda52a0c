import { expect } from 'chai';
import {
  addCorrectness,
  EXAMPLES,
  failuresOf,
  judgeOrders,
  noOrdersChecked,
} from '../src/correctness/correctness.ts';
import type { ExpectedOrder } from '../src/correctness/expected-outcome.ts';
import type { OrderSummary } from '../src/saga/bench-platform.ts';

const confirmed = { status: 'CONFIRMED' } as const;

function placed(orderId: string, expected: ExpectedOrder['expected'] = confirmed): ExpectedOrder {
  return { orderId, expected };
}

function seen(
  orderId: string,
  status: OrderSummary['status'],
  cancelReason?: OrderSummary['cancelReason'],
): OrderSummary {
  return {
    orderId,
    customerId: 'bench-c-0',
    status,
    ...(cancelReason ? { cancelReason } : {}),
    createdAt: '2026-12-02T15:00:00.000Z',
    updatedAt: '2026-12-02T15:00:01.000Z',
  };
}

describe('correctness of a section’s orders', () => {
  it('finds nothing wrong when every order ended as expected, a cancellation with its reason', () => {
    const correctness = judgeOrders(
      [placed('a'), placed('b', { status: 'CANCELLED', cancelReason: 'OUT_OF_STOCK' })],
      [seen('a', 'CONFIRMED'), seen('b', 'CANCELLED', 'OUT_OF_STOCK')],
    );
    expect(correctness).to.deep.equal({ ...noOrdersChecked, checked: 2 });
    expect(failuresOf(correctness)).to.equal(0);
  });

  it('counts an order the API does not show as lost', () => {
    const correctness = judgeOrders([placed('a'), placed('b')], [seen('a', 'CONFIRMED')]);
    expect(correctness).to.include({ checked: 2, lost: 1, stuck: 0, wrong: 0 });
    expect(correctness.examples.lost).to.deep.equal(['b']);
  });

  it('counts an order still PENDING when the section stopped waiting as stuck', () => {
    const correctness = judgeOrders([placed('a')], [seen('a', 'PENDING')]);
    expect(correctness).to.include({ lost: 0, stuck: 1, wrong: 0 });
    expect(correctness.examples.stuck).to.deep.equal(['a']);
  });

  it('counts another status, or a cancellation for another reason, as wrong, and says how each ended', () => {
    const correctness = judgeOrders(
      [
        placed('a'),
        placed('b'),
        placed('c', { status: 'CANCELLED', cancelReason: 'OUT_OF_STOCK' }),
        placed('d', { status: 'CANCELLED', cancelReason: 'OUT_OF_STOCK' }),
      ],
      [
        seen('a', 'CANCELLED', 'PAYMENT_DECLINED'),
        seen('b', 'CANCELLED', 'PAYMENT_DECLINED'),
        seen('c', 'CANCELLED', 'PAYMENT_DECLINED'),
        seen('d', 'CONFIRMED'),
      ],
    );
    expect(correctness).to.include({ lost: 0, stuck: 0, wrong: 4 });
    expect(correctness.examples.wrong).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(correctness.wrongAs).to.deep.equal({
      'CANCELLED (PAYMENT_DECLINED), expected CONFIRMED': 2,
      'CANCELLED (PAYMENT_DECLINED), expected CANCELLED (OUT_OF_STOCK)': 1,
      'CONFIRMED, expected CANCELLED (OUT_OF_STOCK)': 1,
    });
  });

  it('ignores orders the API shows that the section did not place', () => {
    const correctness = judgeOrders([placed('a')], [seen('a', 'CONFIRMED'), seen('other', 'PENDING')]);
    expect(correctness).to.include({ checked: 1, lost: 0, stuck: 0, wrong: 0 });
  });

  it('keeps a few example ids of each kind, not all of them', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `lost-${i}`);
    const correctness = judgeOrders(
      ids.map((id) => placed(id)),
      [],
    );
    expect(correctness.lost).to.equal(20);
    expect(correctness.examples.lost).to.deep.equal(ids.slice(0, EXAMPLES));
  });

  it('adds two checks of one section: counts summed, examples kept up to the limit, outcomes merged', () => {
    const first = judgeOrders(
      [placed('a'), placed('b'), placed('c')],
      [seen('b', 'PENDING'), seen('c', 'CANCELLED', 'PAYMENT_DECLINED')],
    );
    const second = judgeOrders(
      [placed('d'), placed('e')],
      [seen('d', 'CANCELLED', 'PAYMENT_DECLINED'), seen('e', 'CONFIRMED')],
    );
    const both = addCorrectness(addCorrectness(noOrdersChecked, first), second);
    expect(both).to.deep.equal({
      checked: 5,
      lost: 1,
      stuck: 1,
      wrong: 2,
      examples: { lost: ['a'], stuck: ['b'], wrong: ['c', 'd'] },
      wrongAs: { 'CANCELLED (PAYMENT_DECLINED), expected CONFIRMED': 2 },
    });
    expect(failuresOf(both)).to.equal(4);
  });
});
