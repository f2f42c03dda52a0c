import { expect } from 'chai';
import { decideReservationCommand, type CommandGiven } from '../../src/domain/command-decision.ts';
import type { InventoryCommand } from '../../src/domain/inventory-command.ts';
import {
  orderId,
  reservationId,
  reservedAt,
  pricedLines,
  sagaId,
  storedReservation,
  total,
} from '../support/reservation-fixture.ts';

const now = new Date('2025-02-03T04:05:06.000Z');
const newReservationId = '7e6d5c4b-3a29-4817-8f6e-5d4c3b2a1908';
const commandTrace = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const given: CommandGiven = { message: { traceparent: commandTrace }, now, newReservationId };
const requestedAt = now;

const reserve = (items: { sku: string; quantity: number }[]): InventoryCommand => ({
  kind: 'reserve',
  message: {
    orderId,
    sagaId,
    // The deprecated unit price, zero as the order service sends it: inventory prices from its catalogue.
    items: items.map((item) => ({ ...item, unitPrice: { amountMinor: 0, currency: 'EUR' } })),
    currency: 'EUR',
    requestedAt,
  },
});
const commit = (named = reservationId): InventoryCommand => ({
  kind: 'commit',
  message: { orderId, sagaId, reservationId: named, paymentId: 'pay-1', requestedAt },
});
const release = (named = reservationId): InventoryCommand => ({
  kind: 'release',
  message: { orderId, sagaId, reservationId: named, reason: 'PAYMENT_DECLINED', requestedAt },
});

/** The decision as an update (or insert), failing the test otherwise. */
function written(decided: ReturnType<typeof decideReservationCommand>) {
  if (decided.kind === 'none') throw new Error(`expected a write, got ${JSON.stringify(decided.result)}`);
  return decided;
}

describe('decideReservationCommand', () => {
  describe('a reserve for an order without a reservation', () => {
    it("creates it RESERVING with its lines (one per SKU, sorted), the order's currency, its new id and the command trace", () => {
      const decided = decideReservationCommand(
        null,
        reserve([
          { sku: 'SKU-B', quantity: 1 },
          { sku: 'SKU-A', quantity: 2 },
          { sku: 'SKU-B', quantity: 3 },
        ]),
        given,
      );
      expect(decided).to.deep.equal({
        kind: 'insert',
        document: {
          reservationId: newReservationId,
          sagaId,
          traceparent: commandTrace,
          status: 'RESERVING',
          lines: [
            { sku: 'SKU-A', quantity: 2 },
            { sku: 'SKU-B', quantity: 4 },
          ],
          currency: 'EUR',
        },
        outbox: [],
        result: { kind: 'reserving' },
      });
    });

    it('creates it FAILED at once, with inventory.failed, when its lines cannot be reserved as they are', () => {
      const decided = written(
        decideReservationCommand(null, reserve([{ sku: 'SKU-A', quantity: 0 }]), given),
      );
      const failure = { reason: 'UNKNOWN', unavailableSkus: ['SKU-A'] };
      expect(decided).to.deep.include({ kind: 'insert', result: { kind: 'refused', failure } });
      expect(decided.kind === 'insert' && decided.document).to.include({ status: 'FAILED', failedAt: now });
      const [entry] = decided.outbox ?? [];
      expect(entry).to.include({ topic: 'inventory.failed', key: orderId });
      expect(entry?.value).to.deep.equal({ orderId, sagaId, ...failure, failedAt: now });
    });
  });

  it('answers a reserve of a RESERVED reservation again with inventory.reserved as it was (its prices included), guarded by the status', () => {
    const decided = written(
      decideReservationCommand(storedReservation(), reserve([{ sku: 'SKU-A', quantity: 2 }]), given),
    );
    expect(decided).to.deep.include({
      kind: 'update',
      update: {},
      result: { kind: 'answered', topic: 'inventory.reserved', status: 'RESERVED' },
      guard: { status: 'RESERVED' },
    });
    expect(decided.outbox?.[0]?.value).to.deep.equal({
      orderId,
      sagaId,
      reservationId,
      pricedLines,
      total,
      expiresAt: null,
      reservedAt,
    });
    // An answer joins the trace of the command it answers.
    expect(decided.outbox?.[0]?.traceparent.split('-')[1]).to.equal(commandTrace.split('-')[1]);
  });

  it('begins committing a RESERVED reservation, recording the payment and the command trace', () => {
    expect(decideReservationCommand(storedReservation(), commit(), given)).to.deep.equal({
      kind: 'update',
      update: { $set: { status: 'COMMITTING', traceparent: commandTrace, paymentId: 'pay-1' } },
      result: { kind: 'begun', status: 'COMMITTING' },
      guard: { status: 'RESERVED' },
    });
  });

  it('begins releasing a RESERVED reservation, recording the reason', () => {
    expect(decideReservationCommand(storedReservation(), release(), given)).to.deep.include({
      update: { $set: { status: 'RELEASING', traceparent: commandTrace, releaseReason: 'PAYMENT_DECLINED' } },
      result: { kind: 'begun', status: 'RELEASING' },
    });
  });

  it('marks an order released that had no reservation, answering inventory.released with the id it was given', () => {
    const decided = written(decideReservationCommand(null, release(), given));
    expect(decided).to.deep.include({ kind: 'insert', result: { kind: 'marked-released' } });
    expect(decided.kind === 'insert' && decided.document).to.deep.include({
      reservationId,
      status: 'RELEASED',
      releaseReason: 'PAYMENT_DECLINED',
      releasedAt: now,
    });
    expect(decided.outbox?.[0]?.value).to.deep.equal({ orderId, sagaId, reservationId, releasedAt: now });
  });

  it('answers a release of a FAILED reservation with released, naming the reservation the command named', () => {
    const named = '00000000-0000-4000-8000-000000000000';
    const decided = written(
      decideReservationCommand(
        storedReservation({ status: 'FAILED', reservedAt: null }),
        release(named),
        given,
      ),
    );
    expect(decided.result).to.deep.equal({ kind: 'answered', topic: 'inventory.released', status: 'FAILED' });
    expect(decided.outbox?.[0]?.value).to.deep.include({ reservationId: named, releasedAt: now });
  });

  it('ignores what contradicts the history, writing nothing', () => {
    expect(
      decideReservationCommand(storedReservation({ status: 'RELEASED' }), commit(), given),
    ).to.deep.include({
      kind: 'none',
    });
    expect(decideReservationCommand(null, commit(), given).result).to.include({
      kind: 'ignored',
      level: 'error',
      status: null,
    });
  });

  it('decides nothing for a reservation in flight: it is driven to a settled status first', () => {
    expect(
      decideReservationCommand(storedReservation({ status: 'COMMITTING' }), commit(), given),
    ).to.deep.equal({
      kind: 'none',
      result: { kind: 'in-flight', status: 'COMMITTING' },
    });
  });
});
