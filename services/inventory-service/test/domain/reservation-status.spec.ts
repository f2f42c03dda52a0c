import { expect } from 'chai';
import { IllegalTransitionError } from '../../src/domain/illegal-transition-error.ts';
import {
  assertTransition,
  canTransition,
  inFlightStatuses,
  isInFlight,
  isSettled,
  reservationStatuses,
  reservationTransitions,
} from '../../src/domain/reservation-status.ts';
import { settlingSteps } from '../../src/domain/settling-steps.ts';

describe('reservation status', () => {
  it('goes RESERVING → RESERVED → COMMITTING → COMMITTED on the happy path', () => {
    expect(canTransition('RESERVING', 'RESERVED')).to.equal(true);
    expect(canTransition('RESERVED', 'COMMITTING')).to.equal(true);
    expect(canTransition('COMMITTING', 'COMMITTED')).to.equal(true);
  });

  it('rolls a failed reservation back before calling it FAILED', () => {
    expect(canTransition('RESERVING', 'ROLLING_BACK')).to.equal(true);
    expect(canTransition('ROLLING_BACK', 'FAILED')).to.equal(true);
    expect(canTransition('RESERVING', 'FAILED')).to.equal(false);
  });

  it('releases only a RESERVED reservation, through RELEASING', () => {
    expect(canTransition('RESERVED', 'RELEASING')).to.equal(true);
    expect(canTransition('RELEASING', 'RELEASED')).to.equal(true);
    expect(canTransition('COMMITTED', 'RELEASING')).to.equal(false);
    expect(canTransition('FAILED', 'RELEASING')).to.equal(false);
  });

  it('never leaves FAILED, COMMITTED or RELEASED', () => {
    for (const from of ['FAILED', 'COMMITTED', 'RELEASED'] as const) {
      expect(reservationTransitions[from], from).to.deep.equal([]);
    }
  });

  it('lets every in-flight status move on, so none can be left waiting forever', () => {
    for (const status of inFlightStatuses) {
      expect(reservationTransitions[status], status).to.not.be.empty;
    }
  });

  it('tells in-flight statuses from settled ones', () => {
    expect(reservationStatuses.filter(isInFlight)).to.deep.equal([
      'RESERVING',
      'ROLLING_BACK',
      'COMMITTING',
      'RELEASING',
    ]);
    expect(reservationStatuses.filter(isSettled)).to.deep.equal([
      'RESERVED',
      'FAILED',
      'COMMITTED',
      'RELEASED',
    ]);
  });

  it('refuses a move the table does not have with a named, non-retriable error', () => {
    expect(() => {
      assertTransition('order-1', 'RESERVED', 'RESERVED');
    }).to.throw(IllegalTransitionError, 'reservation of order order-1 cannot go from RESERVED to RESERVED');
    try {
      assertTransition('order-1', 'COMMITTED', 'RELEASING');
      expect.fail('assertTransition should have thrown');
    } catch (error) {
      expect(error).to.include({
        code: 'ILLEGAL_TRANSITION',
        retriable: false,
        from: 'COMMITTED',
        to: 'RELEASING',
      });
    }
  });

  describe('settling steps', () => {
    it('each lead to a legal next status', () => {
      for (const [from, step] of Object.entries(settlingSteps)) {
        expect(
          canTransition(from as keyof typeof settlingSteps, step.next),
          `${from} → ${step.next}`,
        ).to.equal(true);
      }
    });

    it('give held stock back when rolling back or releasing, and sell it when committing', () => {
      expect(settlingSteps.ROLLING_BACK).to.include({ lineAction: 'release', reply: 'inventory.failed' });
      expect(settlingSteps.RELEASING).to.include({ lineAction: 'release', reply: 'inventory.released' });
      expect(settlingSteps.COMMITTING).to.include({ lineAction: 'commit', reply: 'inventory.completed' });
    });
  });
});
