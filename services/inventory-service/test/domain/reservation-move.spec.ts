import { expect } from 'chai';
import { IllegalTransitionError } from '../../src/domain/illegal-transition-error.ts';
import { decideMove, reservingMove, settlingMove } from '../../src/domain/reservation-move.ts';
import { settlingSteps } from '../../src/domain/settling-steps.ts';
import {
  orderId,
  reservationId,
  sagaId,
  storedReservation,
  traceparent,
} from '../support/reservation-fixture.ts';

const now = new Date('2025-02-03T04:05:06.000Z');

describe('reservation moves', () => {
  describe('reservingMove', () => {
    it('goes RESERVED with inventory.reserved when every line is held', () => {
      expect(
        reservingMove(
          [
            { sku: 'A', outcome: 'HELD' },
            { sku: 'B', outcome: 'HELD' },
          ],
          now,
        ),
      ).to.deep.equal({
        from: 'RESERVING',
        to: 'RESERVED',
        set: { reservedAt: now },
        reply: 'inventory.reserved',
      });
    });

    it('goes ROLLING_BACK, recording the failure and answering nothing yet, when a line is not held', () => {
      expect(
        reservingMove(
          [
            { sku: 'A', outcome: 'HELD' },
            { sku: 'B', outcome: 'OUT_OF_STOCK' },
          ],
          now,
        ),
      ).to.deep.equal({
        from: 'RESERVING',
        to: 'ROLLING_BACK',
        set: { failure: { reason: 'OUT_OF_STOCK', unavailableSkus: ['B'] } },
      });
    });
  });

  describe('settlingMove', () => {
    it('ends each settling status in its next status, stamped, with its reply', () => {
      expect(settlingMove('COMMITTING', settlingSteps.COMMITTING, now)).to.deep.equal({
        from: 'COMMITTING',
        to: 'COMMITTED',
        set: { committedAt: now },
        reply: 'inventory.completed',
      });
      expect(settlingMove('ROLLING_BACK', settlingSteps.ROLLING_BACK, now)).to.include({ to: 'FAILED' });
      expect(settlingMove('RELEASING', settlingSteps.RELEASING, now)).to.include({ to: 'RELEASED' });
    });
  });

  describe('decideMove', () => {
    const reserved = reservingMove([{ sku: 'A', outcome: 'HELD' }], now);

    it('writes the move guarded by the status the work was done in, with its reply in the outbox', () => {
      const decided = decideMove(storedReservation({ status: 'RESERVING', reservedAt: null }), reserved, now);
      expect(decided).to.deep.include({
        kind: 'update',
        update: { $set: { reservedAt: now, status: 'RESERVED' } },
        result: true,
        guard: { status: 'RESERVING' },
      });
      if (decided.kind !== 'update') throw new Error('expected an update');
      expect(decided.outbox).to.have.length(1);
      const [entry] = decided.outbox ?? [];
      expect(entry).to.include({ topic: 'inventory.reserved', key: orderId });
      expect(entry?.value).to.deep.equal({
        orderId,
        sagaId,
        reservationId,
        expiresAt: null,
        reservedAt: now,
      });
      // The reply joins the trace of the command that started the step.
      expect(entry?.traceparent.split('-')[1]).to.equal(traceparent.split('-')[1]);
    });

    it('writes a move without a reply with an empty outbox', () => {
      const failing = reservingMove([{ sku: 'A', outcome: 'SKU_NOT_FOUND' }], now);
      const decided = decideMove(storedReservation({ status: 'RESERVING' }), failing, now);
      expect(decided).to.deep.include({ kind: 'update', outbox: [], guard: { status: 'RESERVING' } });
    });

    it('reports the facts as recorded in the settled status: a rollback reports the failure recorded before it', () => {
      const failure = { reason: 'OUT_OF_STOCK' as const, unavailableSkus: ['SKU-gone'] };
      const decided = decideMove(
        storedReservation({ status: 'ROLLING_BACK', failure }),
        settlingMove('ROLLING_BACK', settlingSteps.ROLLING_BACK, now),
        now,
      );
      if (decided.kind !== 'update') throw new Error('expected an update');
      expect(decided.outbox?.[0]?.value).to.deep.equal({
        orderId,
        sagaId,
        reason: 'OUT_OF_STOCK',
        unavailableSkus: ['SKU-gone'],
        failedAt: now,
      });
    });

    it('leaves a reservation that is no longer in that status (moved by another process), or gone', () => {
      expect(decideMove(storedReservation({ status: 'RESERVED' }), reserved, now)).to.deep.equal({
        kind: 'none',
        result: false,
      });
      expect(decideMove(null, reserved, now)).to.deep.equal({ kind: 'none', result: false });
    });

    it('refuses a move the state machine does not have', () => {
      expect(() =>
        decideMove(
          storedReservation({ status: 'RESERVING' }),
          { from: 'RESERVING', to: 'COMMITTED', set: {} },
          now,
        ),
      ).to.throw(IllegalTransitionError);
    });
  });
});
