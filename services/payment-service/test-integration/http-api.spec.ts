import { expect } from 'chai';
import { customerToken, testTokens } from '@saga/testing';
import { eur, expectConserved, PaymentWorld, type AccountBody } from './support/payment-world.ts';

/** The accounts API over HTTP, with the real store behind it. */
describe('HTTP: /accounts/:customerId', function () {
  this.timeout(60_000);
  const world = new PaymentWorld('payment-http-api');

  before(async () => {
    await world.open();
    await world.startService();
  });
  after(() => world.close());

  it('sets balances only for an admin (401 without a token, 403 for ops)', async () => {
    const customerId = world.newCustomerId();
    const anonymous = await world.http('PUT', `/accounts/${customerId}`, { balance: 100 }, null);
    expect(anonymous.status).to.equal(401);
    const asOps = await world.http('PUT', `/accounts/${customerId}`, { balance: 100 }, testTokens.ops);
    expect(asOps.status).to.equal(403);
    expect((await world.http('GET', `/accounts/${customerId}`)).status).to.equal(404);
  });

  it('shows accounts and payments only with a token', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 100, currency: 'EUR' });
    expect((await world.http('GET', `/accounts/${customerId}`, undefined, null)).status).to.equal(401);
    expect((await world.http('GET', `/payments/${world.newOrderId()}`, undefined, null)).status).to.equal(
      401,
    );
    expect((await world.http('GET', `/accounts/${customerId}`, undefined, testTokens.admin)).status).to.equal(
      200,
    );
  });

  it('shows a customer their own account and payments only, and ops every one', async () => {
    const [alice, bob] = [world.newCustomerId(), world.newCustomerId()];
    await world.putAccount(alice, { balance: 1000, currency: 'EUR' });
    await world.putAccount(bob, { balance: 1000, currency: 'EUR' });
    const orderId = world.newOrderId();
    await world.replyTo(await world.requestPayment({ orderId, customerId: alice, amount: eur(100) }));
    const asAlice = await customerToken(alice);
    const asBob = await customerToken(bob);

    expect((await world.http('GET', `/accounts/${alice}`, undefined, asAlice)).status).to.equal(200);
    const foreign = await world.http('GET', `/accounts/${alice}`, undefined, asBob);
    expect(foreign.status).to.equal(403);
    expect((await world.http('GET', `/payments/${orderId}`, undefined, asAlice)).status).to.equal(200);
    // Another customer's payment is as good as absent: its id is not confirmed to exist.
    expect((await world.http('GET', `/payments/${orderId}`, undefined, asBob)).status).to.equal(404);
    expect((await world.http('GET', `/payments/${orderId}`, undefined, testTokens.ops)).status).to.equal(200);
    expect((await world.http('GET', `/accounts/${bob}`, undefined, testTokens.ops)).status).to.equal(200);
    // Nor may a customer fund themselves.
    expect((await world.http('PUT', `/accounts/${alice}`, { balance: 99_999 }, asAlice)).status).to.equal(
      403,
    );
  });

  it('creates an account with PUT (201) and shows it with GET', async () => {
    const customerId = world.newCustomerId();

    const created = await world.http('PUT', `/accounts/${customerId}`, { balance: 5000, currency: 'EUR' });

    expect(created.status).to.equal(201);
    expect(created.body).to.include({ customerId, balance: 5000, currency: 'EUR' });
    const account = await world.getAccount(customerId);
    expect(account).to.include({ customerId, balance: 5000, currency: 'EUR' });
    expect(account.totals).to.deep.equal({ funded: 5000, charged: 0, refunded: 0, returnRefunded: 0 });
    expect(account.status).to.equal('OPEN');
    expect(account.adjustments.map((a) => ({ setTo: a.setTo, delta: a.delta }))).to.deep.equal([
      { setTo: 5000, delta: 5000 },
    ]);
  });

  it('sets the balance of an existing account (200) and records the move as funding', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 5000, currency: 'EUR' });

    const raised = await world.http('PUT', `/accounts/${customerId}`, { balance: 8000 });
    const lowered = await world.http('PUT', `/accounts/${customerId}`, { balance: 6500, currency: 'EUR' });

    expect(raised.status).to.equal(200);
    expect(lowered.status).to.equal(200);
    const account = lowered.body as AccountBody;
    expect(account.balance).to.equal(6500);
    expect(account.adjustments.map((a) => a.delta)).to.deep.equal([5000, 3000, -1500]);
    expectConserved(account);
  });

  it('records nothing when PUT asks for what the account already is', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 5000, currency: 'EUR' });

    const again = await world.http('PUT', `/accounts/${customerId}`, { balance: 5000, currency: 'EUR' });

    expect(again.status).to.equal(200);
    expect((again.body as AccountBody).adjustments).to.have.length(1);
  });

  it('refuses to change an account’s currency with 409', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 5000, currency: 'EUR' });

    const { status, body } = await world.http('PUT', `/accounts/${customerId}`, {
      balance: 5000,
      currency: 'USD',
    });

    expect(status).to.equal(409);
    expect(body).to.have.nested.property('error.code', 'CONFLICT');
    expect(body)
      .to.have.nested.property('error.details')
      .that.deep.equals({ current: 'EUR', requested: 'USD' });
    expect((await world.getAccount(customerId)).currency).to.equal('EUR');
  });

  it('refuses a balance that is not a whole, non-negative number of minor units, with 400', async () => {
    const customerId = world.newCustomerId();
    for (const body of [{ balance: -1 }, { balance: 10.5 }, { balance: '100' }, {}]) {
      const answer = await world.http('PUT', `/accounts/${customerId}`, body);
      expect(answer.status, JSON.stringify(body)).to.equal(400);
      expect(answer.body).to.have.nested.property('error.code', 'VALIDATION_FAILED');
    }
    expect((await world.http('GET', `/accounts/${customerId}`)).status).to.equal(404);
  });

  it('closes and reopens an account with status (admin), its balance as it was; 404 for a status alone on no account', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 700, currency: 'EUR' });

    const closed = await world.http('PUT', `/accounts/${customerId}`, { status: 'CLOSED' });
    expect(closed.status).to.equal(200);
    expect(closed.body).to.include({ status: 'CLOSED', balance: 700 });
    expect((await world.getAccount(customerId)).status).to.equal('CLOSED');
    expect((await world.http('PUT', `/accounts/${customerId}`, { status: 'OPEN' })).body).to.include({
      status: 'OPEN',
    });
    expect((await world.http('PUT', `/accounts/${customerId}`, { status: 'SHUT' })).status).to.equal(400);
    expect(
      (await world.http('PUT', `/accounts/${world.newCustomerId()}`, { status: 'CLOSED' })).status,
    ).to.equal(404);
  });

  it('refuses a currency that is not an ISO 4217 code, and unknown fields, with 400', async () => {
    const customerId = world.newCustomerId();
    for (const body of [
      { balance: 1, currency: 'eur' },
      { balance: 1, currency: 'EURO' },
      { balance: 1, overdraft: 500 },
    ]) {
      const answer = await world.http('PUT', `/accounts/${customerId}`, body);
      expect(answer.status, JSON.stringify(body)).to.equal(400);
    }
  });

  it('answers GET for an unknown customer with 404', async () => {
    const { status, body } = await world.http('GET', `/accounts/${world.newCustomerId()}`);
    expect(status).to.equal(404);
    expect(body).to.have.nested.property('error.code', 'NOT_FOUND');
  });
});
