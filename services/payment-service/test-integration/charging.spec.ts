import { expect } from 'chai';
import { findCurrent } from '@saga/service-kit';
import type { PaymentRecord } from '../src/model/payment.ts';
import { eur, expectConserved, PaymentWorld } from './support/payment-world.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** payment.request → payment.success | payment.failed, against Kafka, the registry and FerretDB. */
describe('charging: payment.request', function () {
  this.timeout(60_000);
  const world = new PaymentWorld('payment-charging');

  before(async () => {
    await world.open();
    await world.startService();
  });
  after(() => world.close());

  it('charges the account once and answers payment.success, keyed by the order', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 10_000, currency: 'EUR' });
    const orderId = world.newOrderId();

    const sent = await world.requestPayment({ orderId, customerId, amount: eur(2999) });
    const reply = await world.replyTo(sent);

    expect(reply.topic).to.equal('payment.success');
    expect(reply.context.key).to.equal(orderId);
    if (reply.topic !== 'payment.success') return;
    expect(reply.value).to.include({ orderId, sagaId: sent.value.sagaId });
    expect(reply.value.amount).to.deep.equal(eur(2999));
    expect(reply.value.paymentId).to.match(UUID);

    const account = await world.getAccount(customerId);
    expect(account.balance).to.equal(7001);
    expect(account.charges).to.have.length(1);
    expect(account.charges[0]).to.include({ orderId, paymentId: reply.value.paymentId, amountMinor: 2999 });
    expectConserved(account);

    const payment = await world.getPayment(orderId);
    expect(payment).to.include({
      orderId,
      paymentId: reply.value.paymentId,
      sagaId: sent.value.sagaId,
      customerId,
      status: 'SUCCEEDED',
      paidAt: reply.value.paidAt.toISOString(),
    });
    expect(payment.amount).to.deep.equal(eur(2999));
    expect(payment).not.to.have.property('reason');
  });

  it('fails with INSUFFICIENT_FUNDS and leaves the balance as it was', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 2998, currency: 'EUR' });
    const orderId = world.newOrderId();

    const sent = await world.requestPayment({ orderId, customerId, amount: eur(2999) });
    const reply = await world.replyTo(sent);

    expect(reply.topic).to.equal('payment.failed');
    if (reply.topic !== 'payment.failed') return;
    expect(reply.value).to.include({ orderId, sagaId: sent.value.sagaId, reason: 'INSUFFICIENT_FUNDS' });
    expect(reply.value.detail).to.be.a('string');
    const account = await world.getAccount(customerId);
    expect(account.balance).to.equal(2998);
    expect(account.charges).to.deep.equal([]);
    expectConserved(account);
    expect(await world.getPayment(orderId)).to.include({
      status: 'FAILED',
      reason: 'INSUFFICIENT_FUNDS',
      failedAt: reply.value.failedAt.toISOString(),
    });
  });

  it('fails with ACCOUNT_NOT_FOUND for a customer without an account', async () => {
    const customerId = world.newCustomerId();
    const orderId = world.newOrderId();

    const reply = await world.replyTo(await world.requestPayment({ orderId, customerId, amount: eur(100) }));

    expect(reply.topic).to.equal('payment.failed');
    expect(reply.value).to.include({ orderId, reason: 'ACCOUNT_NOT_FOUND' });
    expect((await world.http('GET', `/accounts/${customerId}`)).status).to.equal(404);
    expect(await world.getPayment(orderId)).to.include({ status: 'FAILED', reason: 'ACCOUNT_NOT_FOUND' });
  });

  it('declines a charge in another currency than the account’s, taking nothing', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 10_000, currency: 'USD' });
    const orderId = world.newOrderId();

    const reply = await world.replyTo(await world.requestPayment({ orderId, customerId, amount: eur(100) }));

    expect(reply.topic).to.equal('payment.failed');
    expect(reply.value).to.include({ reason: 'PAYMENT_DECLINED' });
    expect((reply.value as { detail: string }).detail).to.include('holds USD');
    expect((await world.getAccount(customerId)).balance).to.equal(10_000);
  });

  it('gives an account set up without a currency the currency of its first charge', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 1000 });
    expect((await world.getAccount(customerId)).currency).to.equal(null);

    const first = world.newOrderId();
    const paid = await world.replyTo(
      await world.requestPayment({ orderId: first, customerId, amount: eur(100) }),
    );
    expect(paid.topic).to.equal('payment.success');
    expect((await world.getAccount(customerId)).currency).to.equal('EUR');

    const second = world.newOrderId();
    const inDollars = { amountMinor: 100, currency: 'USD' };
    const refused = await world.replyTo(
      await world.requestPayment({ orderId: second, customerId, amount: inDollars }),
    );
    expect(refused.value).to.include({ reason: 'PAYMENT_DECLINED' });
    const account = await world.getAccount(customerId);
    expect(account.balance).to.equal(900);
    expectConserved(account);
  });

  it('changes nothing when the same message is delivered again', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 10_000, currency: 'EUR' });
    const orderId = world.newOrderId();
    const first = await world.requestPayment({ orderId, customerId, amount: eur(2999) });
    await world.replyTo(first);
    const before = await findCurrent<PaymentRecord>(world.payments, orderId);

    await world.requestPayment({ orderId, customerId, amount: eur(2999) }, first);
    // Same key, same partition: once the service answers this later message, it has handled the duplicate.
    const later = await world.requestPayment({ orderId, customerId, amount: eur(2999) });
    await world.replyTo(later);

    expect(world.replies(orderId).map((r) => r.context.traceparent.split('-')[1])).to.deep.equal([
      first.traceparent.split('-')[1],
      later.traceparent.split('-')[1],
    ]);
    const after = await findCurrent<PaymentRecord>(world.payments, orderId);
    expect(after?.processedMessageIds).to.deep.equal([first.id, later.id]);
    expect(after?.paidAt).to.deep.equal(before?.paidAt);
    const account = await world.getAccount(customerId);
    expect(account.balance).to.equal(7001);
    expect(account.charges).to.have.length(1);
  });

  it('answers a second request for a paid order with the same success, without charging again', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 10_000, currency: 'EUR' });
    const orderId = world.newOrderId();
    const first = await world.replyTo(await world.requestPayment({ orderId, customerId, amount: eur(2999) }));

    const again = await world.requestPayment({ orderId, customerId, amount: eur(2999) });
    const second = await world.replyTo(again);

    expect(second.topic).to.equal('payment.success');
    expect(second.value).to.deep.equal({ ...first.value, sagaId: again.value.sagaId });
    const account = await world.getAccount(customerId);
    expect(account.balance).to.equal(7001);
    expect(account.charges).to.have.length(1);
    expectConserved(account);
  });

  it('answers a second request for a failed order with the same failure, even after a top-up', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 100, currency: 'EUR' });
    const orderId = world.newOrderId();
    const first = await world.replyTo(await world.requestPayment({ orderId, customerId, amount: eur(500) }));
    expect(first.value).to.include({ reason: 'INSUFFICIENT_FUNDS' });

    await world.putAccount(customerId, { balance: 1000 });
    const again = await world.requestPayment({ orderId, customerId, amount: eur(500) });
    const second = await world.replyTo(again);

    expect(second.value).to.deep.equal({ ...first.value, sagaId: again.value.sagaId });
    const account = await world.getAccount(customerId);
    expect(account.balance).to.equal(1000);
    expect(account.charges).to.deep.equal([]);
  });

  it('answers GET /payments/:orderId with 404 for an order it never saw', async () => {
    const { status, body } = await world.http('GET', `/payments/${world.newOrderId()}`);
    expect(status).to.equal(404);
    expect(body).to.have.nested.property('error.code', 'NOT_FOUND');
  });
});
