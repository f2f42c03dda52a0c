import { expect } from 'chai';
import { IllegalTransitionError } from '../../src/domain/illegal-transition-error.ts';
import { decideMove, reservingMove, settlingMove } from '../../src/domain/reservation-move.ts';
import { settlingSteps } from '../../src/domain/settling-steps.ts';
import {
  orderId,
  pricedLines,
  reservationId,
  sagaId,
  storedReservation,
  total,
  traceparent,
} from '../support/reservation-fixture.ts';

const now = new Date('2025-02-03T04:05:06.000Z');
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const lines = [
  { sku: 'A', quantity: 2 },
  { sku: 'B', quantity: 3 },
];

describe('reservation moves', () => {
  describe('reservingMove', () => {
    it('goes RESERVED with inventory.reserved when every line is held, recording the lines at the price each was held at, and the total', () => {
      expect(
        reservingMove(
          lines,
          [
            { sku: 'A', outcome: 'HELD', unitPrice: eur(1250) },
            { sku: 'B', outcome: 'HELD', unitPrice: eur(499) },
          ],
          now,
        ),
      ).to.deep.equal({
        from: 'RESERVING',
        to: 'RESERVED',
        set: {
          reservedAt: now,
          pricedLines: [
            { sku: 'A', quantity: 2, unitPrice: eur(1250) },
            { sku: 'B', quantity: 3, unitPrice: eur(499) },
          ],
          total: eur(2 * 1250 + 3 * 499),
        },
        reply: 'inventory.reserved',
      });
    });

    it('goes ROLLING_BACK, recording the failure and answering nothing yet, when a line is not held', () => {
      expect(
        reservingMove(
          lines,
          [
            { sku: 'A', outcome: 'HELD', unitPrice: eur(1250) },
            { sku: 'B', outcome: 'OUT_OF_STOCK', unitPrice: eur(499) },
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
    const reserved = reservingMove(
      [
        { sku: 'SKU-A', quantity: 2 },
        { sku: 'SKU-B', quantity: 1 },
      ],
      [
        { sku: 'SKU-A', outcome: 'HELD', unitPrice: eur(1250) },
        { sku: 'SKU-B', outcome: 'HELD', unitPrice: eur(499) },
      ],
      now,
    );

    it('writes the move guarded by the status the work was done in, with its reply in the outbox', () => {
      const decided = decideMove(
        storedReservation({ status: 'RESERVING', reservedAt: null, pricedLines: [], total: null }),
        reserved,
        now,
      );
      expect(decided).to.deep.include({
        kind: 'update',
        update: { $set: { reservedAt: now, pricedLines, total, status: 'RESERVED' } },
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
        pricedLines,
        total,
        expiresAt: null,
        reservedAt: now,
      });
      // The reply joins the trace of the command that started the step.
      expect(entry?.traceparent.split('-')[1]).to.equal(traceparent.split('-')[1]);
    });

    it('writes a move without a reply with an empty outbox', () => {
      const failing = reservingMove(
        [{ sku: 'A', quantity: 1 }],
        [{ sku: 'A', outcome: 'SKU_NOT_FOUND', unitPrice: null }],
        now,
      );
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
