import { expect } from 'chai';
import { findCurrent } from '@saga/service-kit';
import { waitFor } from '@saga/testing';
import { finishedPaymentsCollection, type PaymentRecord } from '../src/model/payment.ts';
import { eur, expectConserved, PaymentWorld, type Reply } from './support/payment-world.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** payment.refund → payment.refunded, against Kafka, the registry and FerretDB. */
describe('refunds: payment.refund', function () {
  this.timeout(60_000);
  const world = new PaymentWorld('payment-refunds');

  before(async () => {
    await world.open();
    await world.startService();
  });
  after(() => world.close());

  /** A customer with 10 000 EUR cents, charged 2999 for a new order. */
  async function paidOrder() {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 10_000, currency: 'EUR' });
    const orderId = world.newOrderId();
    const paid = await world.replyTo(await world.requestPayment({ orderId, customerId, amount: eur(2999) }));
    if (paid.topic !== 'payment.success') throw new Error(`expected a success, got ${paid.topic}`);
    return { customerId, orderId, paymentId: paid.value.paymentId };
  }

  function refunded(reply: Reply) {
    if (reply.topic !== 'payment.refunded') throw new Error(`expected payment.refunded, got ${reply.topic}`);
    return reply.value;
  }

  it('refunds a payment that had moved out of the collection requests read, and moves it back out once refunded', async () => {
    const { customerId, orderId, paymentId } = await paidOrder();
    const archived = world.payments.db.collection(finishedPaymentsCollection);
    const inArchiveOnly = async () =>
      (await world.payments.exists({ _id: orderId })) === null &&
      (await archived.countDocuments({ _id: orderId as never })) === 1;
    await waitFor('the succeeded payment to move to its archive', inArchiveOnly);

    refunded(await world.replyTo(await world.refund({ orderId, paymentId, amount: eur(2999) })));

    await waitFor('the refunded payment to move to its archive again', inArchiveOnly);
    expect((await world.getPayment(orderId)).status).to.equal('REFUNDED');
    expect((await world.getAccount(customerId)).balance).to.equal(10_000);
  });

  it('refunds a succeeded payment: credits the account once and answers payment.refunded', async () => {
    const { customerId, orderId, paymentId } = await paidOrder();

    const sent = await world.refund({ orderId, paymentId, amount: eur(2999) });
    const reply = refunded(await world.replyTo(sent));

    expect(reply).to.include({ orderId, sagaId: sent.value.sagaId, paymentId });
    expect(reply.refundId).to.match(UUID);
    expect(reply.amount).to.deep.equal(eur(2999));
    const account = await world.getAccount(customerId);
    expect(account.balance).to.equal(10_000);
    expect(account.refunds).to.have.length(1);
    expect(account.refunds[0]).to.include({ orderId, refundId: reply.refundId, amountMinor: 2999 });
    expectConserved(account);
    const payment = await world.getPayment(orderId);
    expect(payment.status).to.equal('REFUNDED');
    expect(payment.refund).to.deep.equal({
      refundId: reply.refundId,
      amount: eur(2999),
      requestedAt: sent.value.requestedAt.toISOString(),
      refundedAt: reply.refundedAt.toISOString(),
    });
  });

  it('answers a second refund of the order with the same refund, crediting nothing more', async () => {
    const { customerId, orderId, paymentId } = await paidOrder();
    const first = refunded(
      await world.replyTo(await world.refund({ orderId, paymentId, amount: eur(2999) })),
    );

    const again = await world.refund({ orderId, paymentId, amount: eur(2999) });
    const second = refunded(await world.replyTo(again));

    expect(second).to.deep.equal({ ...first, sagaId: again.value.sagaId });
    const account = await world.getAccount(customerId);
    expect(account.balance).to.equal(10_000);
    expect(account.refunds).to.have.length(1);
    expectConserved(account);
  });

  it('changes nothing when the same refund message is delivered again', async () => {
    const { customerId, orderId, paymentId } = await paidOrder();
    const first = await world.refund({ orderId, paymentId, amount: eur(2999) });
    await world.replyTo(first);
    const before = world.replies(orderId).length;

    await world.refund({ orderId, paymentId, amount: eur(2999) }, first);
    // Same key, same partition: once this later command is answered, the duplicate has been handled.
    const later = await world.refund({ orderId, paymentId, amount: eur(2999) });
    await world.replyTo(later);

    expect(world.replies(orderId)).to.have.length(before + 1);
    const payment = await findCurrent<PaymentRecord>(world.payments, orderId);
    expect(payment?.processedMessageIds.slice(-2)).to.deep.equal([first.id, later.id]);
    expect((await world.getAccount(customerId)).balance).to.equal(10_000);
  });

  it('still answers a payment request for a refunded order with its success, charging nothing', async () => {
    const { customerId, orderId, paymentId } = await paidOrder();
    await world.replyTo(await world.refund({ orderId, paymentId, amount: eur(2999) }));

    const reply = await world.replyTo(await world.requestPayment({ orderId, customerId, amount: eur(2999) }));

    expect(reply.topic).to.equal('payment.success');
    const account = await world.getAccount(customerId);
    expect(account.balance).to.equal(10_000);
    expect(account.charges).to.have.length(1);
  });

  it('refunds what was charged when the command asks another amount', async () => {
    const { customerId, orderId, paymentId } = await paidOrder();

    const reply = refunded(
      await world.replyTo(await world.refund({ orderId, paymentId, amount: eur(99_999) })),
    );

    expect(reply.amount).to.deep.equal(eur(2999));
    expect((await world.getAccount(customerId)).balance).to.equal(10_000);
  });

  it('answers the refund of a failed payment with a refund of 0: nothing was taken', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 100, currency: 'EUR' });
    const orderId = world.newOrderId();
    const failed = await world.replyTo(
      await world.requestPayment({ orderId, customerId, amount: eur(2999) }),
    );
    expect(failed.topic).to.equal('payment.failed');
    const paymentId = (await world.getPayment(orderId)).paymentId;

    const reply = refunded(
      await world.replyTo(await world.refund({ orderId, paymentId, amount: eur(2999) })),
    );

    expect(reply).to.include({ orderId, paymentId });
    expect(reply.amount).to.deep.equal(eur(0));
    const account = await world.getAccount(customerId);
    expect(account.balance).to.equal(100);
    expect(account.refunds).to.deep.equal([]);
    expect(await world.getPayment(orderId)).to.include({ status: 'FAILED', reason: 'INSUFFICIENT_FUNDS' });
  });

  it('answers the refund of an order never requested with a refund of 0, and never charges it after', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 10_000, currency: 'EUR' });
    const orderId = world.newOrderId();
    const paymentId = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a';

    const reply = refunded(
      await world.replyTo(await world.refund({ orderId, paymentId, amount: eur(2999) })),
    );
    expect(reply).to.include({ orderId, paymentId });
    expect(reply.amount).to.deep.equal(eur(0));

    const late = await world.replyTo(await world.requestPayment({ orderId, customerId, amount: eur(2999) }));
    expect(late.topic).to.equal('payment.failed');
    expect(late.value).to.include({ reason: 'PAYMENT_DECLINED' });
    expect((await world.getAccount(customerId)).balance).to.equal(10_000);
  });
});
