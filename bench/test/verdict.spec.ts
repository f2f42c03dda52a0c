import type { OrderSummary } from '../src/saga/bench-platform.ts';
import { expect } from 'chai';
import { judgeOrders } from '../src/correctness/correctness.ts';
import { IncorrectOutcomesError } from '../src/correctness/incorrect-outcomes-error.ts';
import { incorrectSections } from '../src/correctness/verdict.ts';
import type { SectionResult } from '../src/section.ts';

const confirmed = { status: 'CONFIRMED' } as const;
const order = (
  orderId: string,
  status: 'PENDING' | 'CONFIRMED' | 'CANCELLED',
  cancelReason?: OrderSummary['cancelReason'],
) => ({
  orderId,
  customerId: 'bench-c-0',
  status,
  ...(cancelReason ? { cancelReason } : {}),
  createdAt: '2026-12-02T15:00:00.000Z',
  updatedAt: '2026-12-02T15:00:01.000Z',
});

/** A section whose figures say it was fast, whatever its orders did: the verdict must not read them. */
function section(name: string, correctness?: SectionResult['correctness']): SectionResult {
  return {
    section: name,
    rows: [{ name: 'sagas/s', value: 1_000_000, unit: 'sagas/s' }],
    ...(correctness ? { correctness } : {}),
  };
}

describe('the run’s correctness verdict', () => {
  const allRight = judgeOrders([{ orderId: 'a', expected: confirmed }], [order('a', 'CONFIRMED')]);
  const someWrong = judgeOrders(
    [
      { orderId: 'lost-1', expected: confirmed },
      { orderId: 'stuck-1', expected: confirmed },
      { orderId: 'wrong-1', expected: confirmed },
    ],
    [order('stuck-1', 'PENDING'), order('wrong-1', 'CANCELLED', 'PAYMENT_DECLINED')],
  );

  it('passes when every section that placed orders saw them end as expected', () => {
    expect(incorrectSections([section('raw-pipeline'), section('saga-burst', allRight)])).to.deep.equal([]);
  });

  it('does not judge sections that place no orders', () => {
    expect(incorrectSections([section('raw-pipeline'), section('codec')])).to.deep.equal([]);
  });

  it('names each section with a lost, stuck or wrong order, in run order', () => {
    const incorrect = incorrectSections([
      section('saga-burst', someWrong),
      section('saga-latency', allRight),
      section('saga-growth', someWrong),
    ]);
    expect(incorrect.map((s) => s.section)).to.deep.equal(['saga-burst', 'saga-growth']);
  });

  it('fails with an error naming the section, the counts, example ids and how the wrong ones ended', () => {
    const error = new IncorrectOutcomesError(incorrectSections([section('saga-overload', someWrong)]));
    expect(error.code).to.equal('BENCH_INCORRECT_OUTCOMES');
    expect(error.retriable).to.equal(false);
    expect(error.message).to.include('saga-overload: 3 orders checked: 1 lost, 1 stuck, 1 wrong');
    expect(error.message).to.include('lost e.g. lost-1');
    expect(error.message).to.include('stuck e.g. stuck-1');
    expect(error.message).to.include('wrong e.g. wrong-1');
    expect(error.message).to.include('1 × CANCELLED (PAYMENT_DECLINED), expected CONFIRMED');
    expect(error.message).to.include('GET /orders/<id>');
  });
});
