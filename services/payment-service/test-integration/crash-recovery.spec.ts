import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { PaymentRecord, RefundRecord } from '../src/model/payment.ts';
import { eur, expectConserved, PaymentWorld } from './support/payment-world.ts';

const debitedAt = new Date('2024-05-06T07:08:09.123Z');
const refundedAt = new Date('2024-05-06T07:09:00.000Z');

/**
 * Crashes between the two single-document writes of a charge or a refund, recreated by writing the
 * store as the crash left it: the account's ledger already changed, the payment not yet.
 */
describe('crash recovery', function () {
  this.timeout(60_000);
  const world = new PaymentWorld('payment-crash-recovery');

  /** Writes an account funded with 10 000 and, if given, already charged and refunded for an order. */
  async function seedAccount(options: {
    charged?: { orderId: string; paymentId: string };
    refundId?: string;
  }) {
    const customerId = world.newCustomerId();
    const charged = options.charged;
    const refunded = charged !== undefined && options.refundId !== undefined;
    await world.accounts.create({
      _id: customerId,
      balance: 10_000 - (charged ? 2999 : 0) + (refunded ? 2999 : 0),
      currency: 'EUR',
      totals: { funded: 10_000, charged: charged ? 2999 : 0, refunded: refunded ? 2999 : 0 },
      adjustments: [{ setTo: 10_000, delta: 10_000, at: debitedAt }],
      charges: charged ? [{ ...charged, amountMinor: 2999, at: debitedAt }] : [],
      refunds:
        refunded && options.refundId
          ? [{ orderId: charged.orderId, refundId: options.refundId, amountMinor: 2999, at: refundedAt }]
          : [],
    });
    return customerId;
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

      const reply = await world.replyTo(
        await world.requestPayment({ orderId, customerId, amount: eur(2999) }),
      );

      expect(reply.topic).to.equal('payment.success');
      expect(reply.value).to.include({ paymentId });
      expect((await world.getAccount(customerId)).balance).to.equal(7001);
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
