import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { eur, expectConserved, PaymentWorld, type Reply } from './support/payment-world.ts';

/** payment.refund-return → payment.return-refunded, against Kafka, the registry and FerretDB. */
describe('return refunds: payment.refund-return', function () {
  this.timeout(60_000);
  const world = new PaymentWorld('payment-return-refunds');

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
    return { customerId, orderId };
  }

  function returnRefunded(reply: Reply) {
    if (reply.topic !== 'payment.return-refunded')
      throw new Error(`expected payment.return-refunded, got ${reply.topic}`);
    return reply.value;
  }

  /** No reply in the command's trace within a few seconds: the refusal is not answered. */
  async function expectNoReply(orderId: string, before: number) {
    await sleep(3000);
    expect(world.replies(orderId)).to.have.length(before);
  }

  it('credits a return’s refund to the account that paid, once, and answers the same refund to a re-send', async () => {
    const { customerId, orderId } = await paidOrder();
    const returnId = randomUUID();

    const sent = await world.refundReturn({ orderId, returnId, amount: eur(1250) });
    const first = returnRefunded(await world.replyTo(sent));
    const resent = returnRefunded(
      await world.replyTo(await world.refundReturn({ orderId, returnId, amount: eur(1250) })),
    );
    await world.refundReturn({ orderId, returnId, amount: eur(1250) }, sent);
    await sleep(1000);

    expect(first).to.include({ orderId, returnId, sagaId: sent.value.sagaId });
    expect(first.amount).to.deep.equal(eur(1250));
    expect(resent.refundId).to.equal(first.refundId);
    const account = await world.getAccount(customerId);
    expect(account.balance).to.equal(10_000 - 2999 + 1250);
    expect(account.returnRefunds).to.have.length(1);
    expect(account.returnRefunds[0]).to.include({
      orderId,
      returnId,
      refundId: first.refundId,
      amountMinor: 1250,
    });
    expectConserved(account);
  });

  it('refuses a refund to a closed account without answering, and pays it once the account is reopened', async () => {
    const { customerId, orderId } = await paidOrder();
    const returnId = randomUUID();
    expect((await world.putAccount(customerId, { status: 'CLOSED' })).status).to.equal('CLOSED');
    const repliesBefore = world.replies(orderId).length;

    await world.refundReturn({ orderId, returnId, amount: eur(1000) });
    await expectNoReply(orderId, repliesBefore);
    expect((await world.getAccount(customerId)).balance).to.equal(10_000 - 2999);

    expect((await world.putAccount(customerId, { status: 'OPEN' })).status).to.equal('OPEN');
    const paid = returnRefunded(
      await world.replyTo(await world.refundReturn({ orderId, returnId, amount: eur(1000) })),
    );
    expect(paid.amount).to.deep.equal(eur(1000));
    const account = await world.getAccount(customerId);
    expect(account.balance).to.equal(10_000 - 2999 + 1000);
    expectConserved(account);
  });

  it('never refunds more in all than the payment charged: a return past it is refused, unanswered', async () => {
    const { customerId, orderId } = await paidOrder();
    returnRefunded(
      await world.replyTo(await world.refundReturn({ orderId, returnId: randomUUID(), amount: eur(2000) })),
    );
    const repliesBefore = world.replies(orderId).length;

    await world.refundReturn({ orderId, returnId: randomUUID(), amount: eur(1000) });

    await expectNoReply(orderId, repliesBefore);
    expect((await world.getAccount(customerId)).balance).to.equal(10_000 - 2999 + 2000);
  });
});
