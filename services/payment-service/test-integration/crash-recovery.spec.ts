import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { ledgerEntryId } from '../src/model/ledger-entry.ts';
import type { PaymentRecord, RefundRecord } from '../src/model/payment.ts';
import { eur, expectConserved, PaymentWorld } from './support/payment-world.ts';

const debitedAt = new Date('2024-05-06T07:08:09.123Z');
const refundedAt = new Date('2024-05-06T07:09:00.000Z');

/**
 * Crashes between the single-document writes of a charge or a refund, recreated by writing the store
 * as the crash left it: the account's ledger already changed, the payment not yet; and the account's
 * entry not settled yet (still in the account), settled halfway (in the account and in
 * `ledger_entries`), or settled (in `ledger_entries` only).
 */
describe('crash recovery', function () {
  this.timeout(60_000);
  const world = new PaymentWorld('payment-crash-recovery');

  /**
   * Writes an account funded with 10 000 and, if given, already charged and refunded for an order.
   * `entries` says where the crash left the charge and refund entries: in the account only (it came
   * before their settlement, the default), in both places (between the settlement's insert and its
   * removal), or in `ledger_entries` only (after the settlement).
   */
  async function seedAccount(options: {
    charged?: { orderId: string; paymentId: string };
    refundId?: string;
    entries?: 'unsettled' | 'half-settled' | 'settled';
  }) {
    const customerId = world.newCustomerId();
    const charged = options.charged;
    const refunded = charged !== undefined && options.refundId !== undefined;
    const where = options.entries ?? 'unsettled';
    const charges = charged ? [{ ...charged, amountMinor: 2999, at: debitedAt }] : [];
    const refunds =
      refunded && options.refundId
        ? [{ orderId: charged.orderId, refundId: options.refundId, amountMinor: 2999, at: refundedAt }]
        : [];
    await world.accounts.create({
      _id: customerId,
      balance: 10_000 - (charged ? 2999 : 0) + (refunded ? 2999 : 0),
      currency: 'EUR',
      totals: { funded: 10_000, charged: charged ? 2999 : 0, refunded: refunded ? 2999 : 0 },
      adjustments: [{ setTo: 10_000, delta: 10_000, at: debitedAt }],
      charges: where === 'settled' ? [] : charges,
      refunds: where === 'settled' ? [] : refunds,
    });
    if (where !== 'unsettled') {
      const entry = (kind: 'charge' | 'refund', e: { orderId: string; amountMinor: number; at: Date }) => ({
        _id: ledgerEntryId(customerId, e.orderId, kind),
        customerId,
        kind,
        ...e,
      });
      for (const c of charges) await world.ledger.ledgerEntries.create(entry('charge', c));
      for (const r of refunds) await world.ledger.ledgerEntries.create(entry('refund', r));
    }
    return customerId;
  }

  /** Where the customer's entries are: still in the account (unsettled), and in `ledger_entries`. */
  async function entriesOf(customerId: string) {
    const account = await world.accounts.findById(customerId).lean();
    const settled = await world.ledger.ledgerEntries.find({ customerId }).lean();
    return {
      unsettled: [...(account?.charges ?? []), ...(account?.refunds ?? [])].map((e) => e.orderId),
      charges: settled.filter((e) => e.kind === 'charge').map((e) => e.orderId),
      refunds: settled.filter((e) => e.kind === 'refund').map((e) => e.orderId),
    };
  }

  /** Writes a payment of 2999 EUR as a crash left it. */
  async function seedPayment(orderId: string, customerId: string, changes: Partial<PaymentRecord> = {}) {
    const payment = {
      _id: orderId,
      paymentId: randomUUID(),
      sagaId: randomUUID(),
      customerId,
      amount: eur(2999),
      status: 'PENDING',
      requestedAt: debitedAt,
      ...changes,
    } as const;
    await world.payments.create(payment);
    return payment;
  }

  const refundRecord = (sagaId: string): RefundRecord => ({
    refundId: randomUUID(),
    sagaId,
    amount: eur(2999),
    requestedAt: debitedAt,
    refundedAt: null,
  });

  // Seeded before the service starts, for its start-up sweep to find.
  const debitedNotRecorded = { orderId: '', customerId: '', paymentId: '', sagaId: '' };
  const neverDebited = { orderId: '', customerId: '', sagaId: '' };
  const creditedNotRecorded = { orderId: '', customerId: '', refundId: '', sagaId: '' };
  const neverCredited = { orderId: '', customerId: '', sagaId: '' };
  const chargedNotSettled = { orderId: '', customerId: '' };
  const halfSettled = { orderId: '', customerId: '' };
  const settledNotRecorded = { orderId: '', customerId: '', paymentId: '' };

  before(async () => {
    await world.open();

    debitedNotRecorded.orderId = world.newOrderId();
    debitedNotRecorded.paymentId = randomUUID();
    debitedNotRecorded.customerId = await seedAccount({
      charged: { orderId: debitedNotRecorded.orderId, paymentId: debitedNotRecorded.paymentId },
    });
    debitedNotRecorded.sagaId = (
      await seedPayment(debitedNotRecorded.orderId, debitedNotRecorded.customerId, {
        paymentId: debitedNotRecorded.paymentId,
      })
    ).sagaId;

    neverDebited.orderId = world.newOrderId();
    neverDebited.customerId = await seedAccount({});
    neverDebited.sagaId = (await seedPayment(neverDebited.orderId, neverDebited.customerId)).sagaId;

    creditedNotRecorded.orderId = world.newOrderId();
    const creditedPaymentId = randomUUID();
    const creditedRefund = refundRecord(randomUUID());
    creditedNotRecorded.refundId = creditedRefund.refundId;
    creditedNotRecorded.sagaId = creditedRefund.sagaId;
    creditedNotRecorded.customerId = await seedAccount({
      charged: { orderId: creditedNotRecorded.orderId, paymentId: creditedPaymentId },
      refundId: creditedRefund.refundId,
    });
    await seedPayment(creditedNotRecorded.orderId, creditedNotRecorded.customerId, {
      paymentId: creditedPaymentId,
      status: 'REFUNDING',
      paidAt: debitedAt,
      refund: creditedRefund,
    });

    neverCredited.orderId = world.newOrderId();
    const uncreditedPaymentId = randomUUID();
    const uncreditedRefund = refundRecord(randomUUID());
    neverCredited.sagaId = uncreditedRefund.sagaId;
    neverCredited.customerId = await seedAccount({
      charged: { orderId: neverCredited.orderId, paymentId: uncreditedPaymentId },
    });
    await seedPayment(neverCredited.orderId, neverCredited.customerId, {
      paymentId: uncreditedPaymentId,
      status: 'REFUNDING',
      paidAt: debitedAt,
      refund: uncreditedRefund,
    });

    // Payments decided, and a crash before their charge and refund were settled.
    chargedNotSettled.orderId = world.newOrderId();
    const unsettledPaymentId = randomUUID();
    chargedNotSettled.customerId = await seedAccount({
      charged: { orderId: chargedNotSettled.orderId, paymentId: unsettledPaymentId },
      refundId: randomUUID(),
    });
    await seedPayment(chargedNotSettled.orderId, chargedNotSettled.customerId, {
      paymentId: unsettledPaymentId,
      status: 'SUCCEEDED',
      paidAt: debitedAt,
    });

    // A payment decided, and a crash in the middle of its charge's settlement.
    halfSettled.orderId = world.newOrderId();
    const halfSettledPaymentId = randomUUID();
    halfSettled.customerId = await seedAccount({
      charged: { orderId: halfSettled.orderId, paymentId: halfSettledPaymentId },
      entries: 'half-settled',
    });
    await seedPayment(halfSettled.orderId, halfSettled.customerId, {
      paymentId: halfSettledPaymentId,
      status: 'SUCCEEDED',
      paidAt: debitedAt,
    });

    // The charge debited and settled, and a crash before the payment's update.
    settledNotRecorded.orderId = world.newOrderId();
    settledNotRecorded.paymentId = randomUUID();
    settledNotRecorded.customerId = await seedAccount({
      charged: { orderId: settledNotRecorded.orderId, paymentId: settledNotRecorded.paymentId },
      entries: 'settled',
    });
    await seedPayment(settledNotRecorded.orderId, settledNotRecorded.customerId, {
      paymentId: settledNotRecorded.paymentId,
    });

    // The start-up sweeps (ledger entries, then payments) are done when the service has started.
    await world.startService();
  });
  after(() => world.close());

  describe('at start-up, the sweep', () => {
    it('completes a PENDING payment whose account was already debited, as SUCCEEDED, without a second debit', async () => {
      const { orderId, customerId, paymentId, sagaId } = debitedNotRecorded;
      const reply = await world.firstReply(orderId);

      expect(reply.topic).to.equal('payment.success');
      expect(reply.value).to.deep.equal({ orderId, sagaId, paymentId, amount: eur(2999), paidAt: debitedAt });
      const account = await world.getAccount(customerId);
      expect(account.balance).to.equal(7001);
      expect(account.charges).to.have.length(1);
      expectConserved(account);
      expect(await world.getPayment(orderId)).to.include({
        status: 'SUCCEEDED',
        paidAt: debitedAt.toISOString(),
      });
      expect(await entriesOf(customerId)).to.deep.equal({ unsettled: [], charges: [orderId], refunds: [] });
    });

    it('settles the charge and refund a crash left in the account, once: they move to ledger_entries', async () => {
      const { orderId, customerId } = chargedNotSettled;

      expect(await entriesOf(customerId)).to.deep.equal({
        unsettled: [],
        charges: [orderId],
        refunds: [orderId],
      });
      const account = await world.getAccount(customerId);
      expect(account.balance).to.equal(10_000);
      expect(account.charges).to.have.length(1);
      expect(account.refunds).to.have.length(1);
      expectConserved(account);
    });

    it('finishes a settlement a crash interrupted after the insert: the account lets go, one entry stays', async () => {
      const { orderId, customerId } = halfSettled;

      expect(await entriesOf(customerId)).to.deep.equal({ unsettled: [], charges: [orderId], refunds: [] });
      const account = await world.getAccount(customerId);
      expect(account.balance).to.equal(7001);
      expect(account.charges).to.have.length(1);
      expectConserved(account);
    });

    it('completes a PENDING payment whose charge is settled already, as SUCCEEDED, without a second debit', async () => {
      const { orderId, customerId, paymentId } = settledNotRecorded;
      const reply = await world.firstReply(orderId);

      expect(reply.topic).to.equal('payment.success');
      expect(reply.value).to.include({ orderId, paymentId });
      expect(reply.value).to.have.property('paidAt').that.deep.equals(debitedAt);
      const account = await world.getAccount(customerId);
      expect(account.balance).to.equal(7001);
      expect(account.charges).to.have.length(1);
      expectConserved(account);
      expect(await entriesOf(customerId)).to.deep.equal({ unsettled: [], charges: [orderId], refunds: [] });
    });

    it('charges a PENDING payment that was never debited, once', async () => {
      const { orderId, customerId, sagaId } = neverDebited;
      const reply = await world.firstReply(orderId);

      expect(reply.topic).to.equal('payment.success');
      expect(reply.value).to.include({ orderId, sagaId });
      const account = await world.getAccount(customerId);
      expect(account.balance).to.equal(7001);
      expect(account.charges).to.have.length(1);
      expectConserved(account);
    });

    it('completes a REFUNDING payment whose account was already credited, without a second credit', async () => {
      const { orderId, customerId, refundId, sagaId } = creditedNotRecorded;
      const reply = await world.firstReply(orderId);

      expect(reply.topic).to.equal('payment.refunded');
      expect(reply.value).to.include({ orderId, sagaId, refundId });
      expect(reply.value).to.have.property('refundedAt').that.deep.equals(refundedAt);
      const account = await world.getAccount(customerId);
      expect(account.balance).to.equal(10_000);
      expect(account.refunds).to.have.length(1);
      expectConserved(account);
      expect((await world.getPayment(orderId)).status).to.equal('REFUNDED');
      expect(await entriesOf(customerId)).to.deep.equal({
        unsettled: [],
        charges: [orderId],
        refunds: [orderId],
      });
    });

    it('credits a REFUNDING payment that was never credited, once', async () => {
      const { orderId, customerId, sagaId } = neverCredited;
      const reply = await world.firstReply(orderId);

      expect(reply.topic).to.equal('payment.refunded');
      expect(reply.value).to.include({ orderId, sagaId });
      const account = await world.getAccount(customerId);
      expect(account.balance).to.equal(10_000);
      expect(account.refunds).to.have.length(1);
      expectConserved(account);
    });

    it('leaves the redelivered request nothing to charge: it answers the same success', async () => {
      const { orderId, customerId, paymentId } = debitedNotRecorded;
      await world.firstReply(orderId);
      // The charge is settled by now: only ledger_entries holds it.
      expect(await entriesOf(customerId)).to.deep.equal({ unsettled: [], charges: [orderId], refunds: [] });

      const reply = await world.replyTo(
        await world.requestPayment({ orderId, customerId, amount: eur(2999) }),
      );

      expect(reply.topic).to.equal('payment.success');
      expect(reply.value).to.include({ paymentId });
      const account = await world.getAccount(customerId);
      expect(account.balance).to.equal(7001);
      expect(account.charges).to.have.length(1);
      expectConserved(account);
    });
  });

  describe('while running, a redelivered message', () => {
    it('completes a payment a crash left PENDING after the debit, without a second debit', async () => {
      const orderId = world.newOrderId();
      const paymentId = randomUUID();
      const customerId = await seedAccount({ charged: { orderId, paymentId } });
      await seedPayment(orderId, customerId, { paymentId });

      const sent = await world.requestPayment({ orderId, customerId, amount: eur(2999) });
      const reply = await world.replyTo(sent);

      expect(reply.topic).to.equal('payment.success');
      expect(reply.value).to.deep.equal({
        orderId,
        sagaId: sent.value.sagaId,
        paymentId,
        amount: eur(2999),
        paidAt: debitedAt,
      });
      const account = await world.getAccount(customerId);
      expect(account.balance).to.equal(7001);
      expect(account.charges).to.have.length(1);
    });

    it('completes a payment whose charge a crash left half settled, settling it, without a second debit', async () => {
      const orderId = world.newOrderId();
      const paymentId = randomUUID();
      const customerId = await seedAccount({ charged: { orderId, paymentId }, entries: 'half-settled' });
      await seedPayment(orderId, customerId, { paymentId });

      const reply = await world.replyTo(
        await world.requestPayment({ orderId, customerId, amount: eur(2999) }),
      );

      expect(reply.topic).to.equal('payment.success');
      expect(reply.value).to.include({ paymentId });
      const account = await world.getAccount(customerId);
      expect(account.balance).to.equal(7001);
      expect(account.charges).to.have.length(1);
      expectConserved(account);
      expect(await entriesOf(customerId)).to.deep.equal({ unsettled: [], charges: [orderId], refunds: [] });
    });

    it('completes a refund a crash left REFUNDING after the credit, without a second credit', async () => {
      const orderId = world.newOrderId();
      const paymentId = randomUUID();
      const refund = refundRecord(randomUUID());
      const customerId = await seedAccount({ charged: { orderId, paymentId }, refundId: refund.refundId });
      await seedPayment(orderId, customerId, { paymentId, status: 'REFUNDING', paidAt: debitedAt, refund });

      const reply = await world.replyTo(await world.refund({ orderId, paymentId, amount: eur(2999) }));

      expect(reply.topic).to.equal('payment.refunded');
      expect(reply.value).to.include({ refundId: refund.refundId });
      const account = await world.getAccount(customerId);
      expect(account.balance).to.equal(10_000);
      expect(account.refunds).to.have.length(1);
      expectConserved(account);
    });
  });
});
