import { expect } from 'chai';
import type { CancelReason, PaymentFailureReason, TopicMessageMap, TopicName } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import { defineSaga, handle, start, type SagaAction, type SagaReply, type SagaStep } from '@saga/saga-engine';
import { reserveInventoryPolicy } from '../../src/saga/order-saga-policies.ts';
import {
  orderSaga,
  orderSagaData,
  OrderSagaDataError,
  startOrderSaga,
  type OrderSagaData,
  type OrderSagaState,
} from '../../src/saga/index.ts';

// Replies are the contracts' sample messages, which all name the same order, saga, reservation and payment.
const order = topicSamples['order.created'];
const { orderId, customerId, items, currency } = order;
const { sagaId } = topicSamples['inventory.reserve'];
// The order's total is the shop's: the priced lines and total of inventory.reserved (order.created's total is a deprecated zero).
const { reservationId, pricedLines } = topicSamples['inventory.reserved'];
const total = topicSamples['inventory.reserved'].total!;
const { paymentId } = topicSamples['payment.success'];
const placedAt = new Date('2025-03-04T10:00:00.000Z');
const now = new Date('2025-03-04T10:00:05.000Z');

/** A reply: the sample message of its topic, with some fields changed. */
function reply<T extends TopicName>(
  topic: T,
  changes: Partial<TopicMessageMap[T]> = {},
): SagaReply<TopicMessageMap> {
  return { topic, message: { ...topicSamples[topic], ...changes } } as SagaReply<TopicMessageMap>;
}

const inventoryReserved = reply('inventory.reserved');
const outOfStock = reply('inventory.failed', { reason: 'OUT_OF_STOCK', unavailableSkus: ['SKU-2'] });
const paymentSucceeded = reply('payment.success');
const paymentDeclined = reply('payment.failed', { reason: 'PAYMENT_DECLINED', detail: 'card expired' });
const inventoryReleased = reply('inventory.released');
const inventoryCompleted = reply('inventory.completed');

/** The saga's state after its start and these replies, each of which must apply. */
function given(...replies: SagaReply<TopicMessageMap>[]): OrderSagaState {
  let { state } = startOrderSaga(order, { sagaId, now: placedAt });
  for (const next of replies) {
    const transition = handle(orderSaga, state, next, { now: placedAt });
    expect(transition.outcome.kind, `${next.topic} applies`).to.equal('APPLIED');
    state = transition.state;
  }
  return state;
}

/** Every command the saga sends from its start through these replies, and where it ends up. */
function run(...replies: SagaReply<TopicMessageMap>[]) {
  const started = startOrderSaga(order, { sagaId, now });
  const actions: SagaAction<TopicMessageMap>[] = [...started.actions];
  let { state } = started;
  for (const next of replies) {
    const transition = handle(orderSaga, state, next, { now });
    actions.push(...transition.actions);
    state = transition.state;
  }
  return { actions, topics: actions.map((action) => action.topic), state };
}

const initialData: OrderSagaData = {
  sagaId,
  orderId,
  customerId,
  items,
  currency,
  pricedLines: [],
  total: null,
  reservationId: null,
  paymentId: null,
  cancelDetail: null,
};
const statuses = (state: OrderSagaState) => state.steps.map((step) => step.status);

describe('the order saga', () => {
  describe('order.created → reserving inventory → inventory.reserve', () => {
    it('starts from the order and the new saga id, and asks inventory to hold every line', () => {
      const { state, actions } = startOrderSaga(order, { sagaId, now });

      expect(actions).to.deep.equal([
        { topic: 'inventory.reserve', value: { orderId, sagaId, items, currency, requestedAt: now } },
      ]);
      expect(state).to.deep.equal({
        stateVersion: 3,
        saga: 'order',
        status: 'RUNNING',
        currentStep: 0,
        failureReason: null,
        attention: null,
        data: initialData,
        steps: [
          {
            name: 'reserveInventory',
            status: 'ACTIVE',
            attempts: 1,
            deadlineAt: now.getTime() + reserveInventoryPolicy.deadlineMs,
          },
          { name: 'processPayment', status: 'PENDING', attempts: 0, deadlineAt: null },
          { name: 'commitInventory', status: 'PENDING', attempts: 0, deadlineAt: null },
        ],
        finalCommands: [],
      });
    });

    it('takes its data from the order alone, so it is the same whoever starts it', () => {
      expect(orderSagaData(order, sagaId)).to.deep.equal(initialData);
      expect(start(orderSaga, orderSagaData(order, sagaId), { now })).to.deep.equal(
        startOrderSaga(order, { sagaId, now }),
      );
    });
  });

  describe('inventory.reserved → processing payment → payment.request', () => {
    it('records the reservation with its priced lines, and asks payment to charge the customer the total inventory priced', () => {
      const { state, actions, outcome } = handle(orderSaga, given(), inventoryReserved, { now });

      expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'reserveInventory', reply: 'SUCCESS' });
      expect(actions).to.deep.equal([
        { topic: 'payment.request', value: { orderId, sagaId, customerId, amount: total, requestedAt: now } },
      ]);
      expect(state.status).to.equal('RUNNING');
      expect(state.currentStep).to.equal(1);
      expect(state.data).to.deep.equal({ ...initialData, reservationId, pricedLines, total });
      expect(statuses(state)).to.deep.equal(['SUCCEEDED', 'ACTIVE', 'PENDING']);
    });

    it('charges what the catalogue says, whatever the order carried', () => {
      const dearer = reply('inventory.reserved', {
        pricedLines: [{ sku: 'SKU-1', quantity: 3, unitPrice: { amountMinor: 7000, currency: 'EUR' } }],
        total: { amountMinor: 21000, currency: 'EUR' },
      });
      const { actions } = handle(orderSaga, given(), dearer, { now });
      expect(actions[0]?.value).to.deep.include({ amount: { amountMinor: 21000, currency: 'EUR' } });
    });

    it('refuses to charge an amount it does not know: an inventory.reserved without a total (an inventory that does not price) is a broken saga', () => {
      const unpriced = reply('inventory.reserved', { pricedLines: [], total: null });
      expect(() => handle(orderSaga, given(), unpriced, { now })).to.throw(
        OrderSagaDataError,
        /no total recorded/,
      );
    });
  });

  describe('inventory.failed for prices → cancelling (PRICE_NOT_SET, CURRENCY_MISMATCH) → order.cancel', () => {
    for (const [reason, detail] of [
      ['PRICE_NOT_SET', 'no catalogue price: SKU-2'],
      ['CURRENCY_MISMATCH', 'priced in another currency than the order: SKU-2'],
    ] as const) {
      it(`cancels the order with ${reason}, saying which SKUs and why`, () => {
        const failed = reply('inventory.failed', { reason, unavailableSkus: ['SKU-2'] });
        const { state, actions } = handle(orderSaga, given(), failed, { now });
        expect(actions).to.deep.equal([
          { topic: 'order.cancel', value: { orderId, sagaId, reason, detail, cancelledAt: now } },
        ]);
        expect(state).to.include({ status: 'CANCELLING', failureReason: reason });
      });
    }
  });

  describe('inventory.failed → cancelled (OUT_OF_STOCK) → order.cancel', () => {
    it('cancels the order at once, naming the missing SKUs; nothing was reserved, so nothing is released', () => {
      const { state, actions, outcome } = handle(orderSaga, given(), outOfStock, { now });

      expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'reserveInventory', reply: 'FAILURE' });
      expect(actions).to.deep.equal([
        {
          topic: 'order.cancel',
          value: {
            orderId,
            sagaId,
            reason: 'OUT_OF_STOCK',
            detail: 'not available: SKU-2',
            cancelledAt: now,
          },
        },
      ]);
      expect(state.status).to.equal('CANCELLING');
      expect(state.currentStep).to.equal(null);
      expect(state.failureReason).to.equal('OUT_OF_STOCK');
      expect(statuses(state)).to.deep.equal(['FAILED', 'PENDING', 'PENDING']);
    });

    it('cancels with SKU_NOT_FOUND for an unknown product, and no detail when inventory names no SKU', () => {
      const skuNotFound = reply('inventory.failed', { reason: 'SKU_NOT_FOUND', unavailableSkus: [] });

      const { actions } = handle(orderSaga, given(), skuNotFound, { now });

      expect(actions).to.deep.equal([
        {
          topic: 'order.cancel',
          value: { orderId, sagaId, reason: 'SKU_NOT_FOUND', detail: null, cancelledAt: now },
        },
      ]);
    });
  });

  describe('payment.success → committing inventory → inventory.commit', () => {
    it('records the payment and asks inventory to commit the reservation', () => {
      const { state, actions, outcome } = handle(orderSaga, given(inventoryReserved), paymentSucceeded, {
        now,
      });

      expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'processPayment', reply: 'SUCCESS' });
      expect(actions).to.deep.equal([
        { topic: 'inventory.commit', value: { orderId, sagaId, reservationId, paymentId, requestedAt: now } },
      ]);
      expect(state.currentStep).to.equal(2);
      expect(state.data).to.deep.equal({ ...initialData, reservationId, pricedLines, total, paymentId });
      expect(statuses(state)).to.deep.equal(['SUCCEEDED', 'SUCCEEDED', 'ACTIVE']);
    });
  });

  describe('payment.failed → compensating (PAYMENT_DECLINED) → inventory.release', () => {
    it('releases the reservation, telling inventory why', () => {
      const { state, actions, outcome } = handle(orderSaga, given(inventoryReserved), paymentDeclined, {
        now,
      });

      expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'processPayment', reply: 'FAILURE' });
      expect(actions).to.deep.equal([
        {
          topic: 'inventory.release',
          value: { orderId, sagaId, reservationId, reason: 'PAYMENT_DECLINED', requestedAt: now },
        },
      ]);
      expect(state.status).to.equal('COMPENSATING');
      expect(state.currentStep).to.equal(0);
      expect(state.failureReason).to.equal('PAYMENT_DECLINED');
      expect(state.data.cancelDetail).to.equal('card expired');
      expect(statuses(state)).to.deep.equal(['COMPENSATING', 'FAILED', 'PENDING']);
    });

    it('gives ACCOUNT_NOT_FOUND as the reason when the customer has no account, to the release and the cancellation', () => {
      const accountNotFound = reply('payment.failed', { reason: 'ACCOUNT_NOT_FOUND', detail: null });

      const releasing = handle(orderSaga, given(inventoryReserved), accountNotFound, { now });
      expect(releasing.state.failureReason).to.equal('ACCOUNT_NOT_FOUND');
      expect(releasing.actions).to.deep.equal([
        {
          topic: 'inventory.release',
          value: { orderId, sagaId, reservationId, reason: 'ACCOUNT_NOT_FOUND', requestedAt: now },
        },
      ]);

      const cancelled = handle(orderSaga, releasing.state, inventoryReleased, { now });
      expect(cancelled.actions).to.deep.equal([
        {
          topic: 'order.cancel',
          value: { orderId, sagaId, reason: 'ACCOUNT_NOT_FOUND', detail: null, cancelledAt: now },
        },
      ]);
    });

    it('cancels a refused payment as PAYMENT_DECLINED, whatever the refusal, and an unknown customer as ACCOUNT_NOT_FOUND', () => {
      const expected: Record<PaymentFailureReason, CancelReason> = {
        PAYMENT_DECLINED: 'PAYMENT_DECLINED',
        INSUFFICIENT_FUNDS: 'PAYMENT_DECLINED',
        ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
        UNKNOWN: 'PAYMENT_DECLINED',
      };
      for (const [paymentReason, cancelReason] of Object.entries(expected)) {
        const failed = reply('payment.failed', { reason: paymentReason as PaymentFailureReason });
        const { state } = handle(orderSaga, given(inventoryReserved), failed, { now });
        expect(state.failureReason, paymentReason).to.equal(cancelReason);
      }
    });
  });

  describe('inventory.released → cancelled → order.cancel', () => {
    it('cancels the order with the reason it compensated for, and payment’s explanation', () => {
      const releasingInventory = given(inventoryReserved, paymentDeclined);

      const { state, actions, outcome } = handle(orderSaga, releasingInventory, inventoryReleased, { now });

      expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'reserveInventory', reply: 'COMPENSATED' });
      expect(actions).to.deep.equal([
        {
          topic: 'order.cancel',
          value: { orderId, sagaId, reason: 'PAYMENT_DECLINED', detail: 'card expired', cancelledAt: now },
        },
      ]);
      expect(state.status).to.equal('CANCELLING');
      expect(state.currentStep).to.equal(null);
      expect(statuses(state)).to.deep.equal(['COMPENSATED', 'FAILED', 'PENDING']);
    });
  });

  describe('inventory.completed → completed → order.confirm', () => {
    it('confirms the order with its reservation and its payment', () => {
      const committingInventory = given(inventoryReserved, paymentSucceeded);

      const { state, actions, outcome } = handle(orderSaga, committingInventory, inventoryCompleted, { now });

      expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'commitInventory', reply: 'SUCCESS' });
      expect(actions).to.deep.equal([
        {
          topic: 'order.confirm',
          value: { orderId, sagaId, reservationId, paymentId, pricedLines, total, confirmedAt: now },
        },
      ]);
      expect(state.status).to.equal('COMPLETING');
      expect(state.currentStep).to.equal(null);
      expect(state.failureReason).to.equal(null);
      expect(statuses(state)).to.deep.equal(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    });
  });

  describe('replies out of turn', () => {
    it('a duplicate reply changes nothing', () => {
      const processingPayment = given(inventoryReserved);

      const { state, actions, outcome } = handle(orderSaga, processingPayment, inventoryReserved, { now });

      expect(state).to.equal(processingPayment);
      expect(actions).to.deep.equal([]);
      expect(outcome).to.include({ kind: 'IGNORED', reason: 'DUPLICATE' });
    });

    it('a duplicate confirmation of the release changes nothing', () => {
      const cancelled = given(inventoryReserved, paymentDeclined, inventoryReleased);

      const { state, actions, outcome } = handle(orderSaga, cancelled, inventoryReleased, { now });

      expect(state).to.equal(cancelled);
      expect(actions).to.deep.equal([]);
      expect(outcome).to.include({ kind: 'IGNORED', reason: 'DUPLICATE' });
    });

    it('a reply for an ended saga is ignored as LATE, and recorded as such', () => {
      const confirmed = given(inventoryReserved, paymentSucceeded, inventoryCompleted);
      const cancelled = given(outOfStock);

      for (const [ended, late] of [
        [confirmed, paymentDeclined],
        [confirmed, inventoryReleased],
        [cancelled, paymentSucceeded],
      ] as const) {
        const { state, actions, outcome } = handle(orderSaga, ended, late, { now });
        expect(state, late.topic).to.equal(ended);
        expect(actions, late.topic).to.deep.equal([]);
        expect(outcome, late.topic).to.include({ kind: 'IGNORED', reason: 'LATE' });
      }
    });

    it('a payment that succeeds after payment failed is refunded: whatever was taken goes back', () => {
      const releasingInventory = given(inventoryReserved, paymentDeclined);

      const { state, actions, outcome } = handle(orderSaga, releasingInventory, paymentSucceeded, { now });

      expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'processPayment', reply: 'LATE_SUCCESS' });
      expect(actions).to.deep.equal([
        { topic: 'payment.refund', value: { orderId, sagaId, paymentId, amount: total, requestedAt: now } },
      ]);
      expect(state.status).to.equal('COMPENSATING');
      expect(state.currentStep).to.equal(0);
      expect(statuses(state)).to.deep.equal(['COMPENSATING', 'COMPENSATING', 'PENDING']);
    });

    it('a reservation reported after inventory failed it is released', () => {
      const { actions, state } = handle(orderSaga, given(outOfStock), inventoryReserved, { now });

      expect(actions.map((action) => action.topic)).to.deep.equal(['inventory.release']);
      expect(state.status).to.equal('CANCELLING');
    });

    it('a reply that comes before its command was sent is ignored', () => {
      const reservingInventory = given();

      const { state, outcome } = handle(orderSaga, reservingInventory, inventoryCompleted, { now });

      expect(state).to.equal(reservingInventory);
      expect(outcome).to.include({ kind: 'IGNORED', reason: 'UNEXPECTED' });
    });
  });

  describe('every command', () => {
    it('carries the order id and the saga id', () => {
      const paths = [
        run(inventoryReserved, paymentSucceeded, inventoryCompleted),
        run(outOfStock),
        run(inventoryReserved, paymentDeclined, inventoryReleased),
        run(inventoryReserved, paymentDeclined, inventoryReleased, paymentSucceeded),
      ];
      const actions = paths.flatMap((path) => path.actions);

      expect(new Set(actions.map((action) => action.topic))).to.deep.equal(
        new Set([
          'inventory.reserve',
          'payment.request',
          'inventory.commit',
          'order.confirm',
          'order.cancel',
          'inventory.release',
          'payment.refund',
        ]),
      );
      for (const action of actions) expect(action.value, action.topic).to.include({ orderId, sagaId });
    });
  });

  describe('walked end to end', () => {
    it('happy path: reserves, charges, commits, then confirms the order', () => {
      const { topics, state } = run(inventoryReserved, paymentSucceeded, inventoryCompleted);

      expect(topics).to.deep.equal([
        'inventory.reserve',
        'payment.request',
        'inventory.commit',
        'order.confirm',
      ]);
      expect(state.status).to.equal('COMPLETING');
      expect(state.data).to.deep.equal({ ...initialData, reservationId, pricedLines, total, paymentId });
    });

    it('out of stock: reserves nothing, then cancels the order', () => {
      const { topics, state } = run(outOfStock);

      expect(topics).to.deep.equal(['inventory.reserve', 'order.cancel']);
      expect(state.status).to.equal('CANCELLING');
      expect(state.failureReason).to.equal('OUT_OF_STOCK');
    });

    it('payment declined: reserves, fails to charge, releases the stock, then cancels the order', () => {
      const { topics, state } = run(inventoryReserved, paymentDeclined, inventoryReleased);

      expect(topics).to.deep.equal([
        'inventory.reserve',
        'payment.request',
        'inventory.release',
        'order.cancel',
      ]);
      expect(state.status).to.equal('CANCELLING');
      expect(state.failureReason).to.equal('PAYMENT_DECLINED');
      expect(statuses(state)).to.deep.equal(['COMPENSATED', 'FAILED', 'PENDING']);
    });
  });

  describe('the definition', () => {
    it('awaits the seven replies of the saga’s table and the two acknowledgements of its outcome (order.created starts it), for the orchestrator to subscribe to', () => {
      expect([...orderSaga.replyTopics].sort()).to.deep.equal([
        'inventory.completed',
        'inventory.failed',
        'inventory.released',
        'inventory.reserved',
        'order.cancelled',
        'order.confirmed',
        'payment.failed',
        'payment.refunded',
        'payment.success',
      ]);
    });

    it('keeps its state plain JSON, so a stored saga resumes where it was', () => {
      const processingPayment = given(inventoryReserved);
      const restored = JSON.parse(JSON.stringify(processingPayment)) as OrderSagaState;

      expect(restored).to.deep.equal(processingPayment);
      expect(handle(orderSaga, restored, paymentSucceeded, { now })).to.deep.equal(
        handle(orderSaga, processingPayment, paymentSucceeded, { now }),
      );
    });

    describe('with a step added, and no change to the engine', () => {
      interface LoyaltyTopics extends TopicMessageMap {
        'loyalty.award': { orderId: string; sagaId: string; customerId: string; points: number };
        'loyalty.awarded': { orderId: string; sagaId: string };
        'loyalty.refused': { orderId: string; sagaId: string };
      }
      const awardLoyaltyPoints: SagaStep<LoyaltyTopics, OrderSagaData, CancelReason> = {
        name: 'awardLoyaltyPoints',
        command: {
          topic: 'loyalty.award',
          value: (data) => ({
            orderId: data.orderId,
            sagaId: data.sagaId,
            customerId: data.customerId,
            points: Math.floor((data.total?.amountMinor ?? 0) / 100),
          }),
        },
        onSuccess: { 'loyalty.awarded': (data) => data },
        onFailure: { 'loyalty.refused': () => ({ reason: 'UNKNOWN' }) },
      };
      // In the code the contracts' map would grow by the new schemas; here a wider map stands in for
      // it. TypeScript measures a step as invariant in its map (a wider map could in general change
      // the message of a topic the step uses), hence the one cast: this map only adds topics.
      const orderSteps = orderSaga.steps as unknown as readonly SagaStep<
        LoyaltyTopics,
        OrderSagaData,
        CancelReason
      >[];
      // A copy of the order saga with the new step between payment and commit.
      const withLoyalty = defineSaga<LoyaltyTopics, OrderSagaData, CancelReason>({
        ...orderSaga,
        name: 'order-with-loyalty',
        steps: [...orderSteps.slice(0, 2), awardLoyaltyPoints, ...orderSteps.slice(2)],
      });
      const loyaltyReply = (topic: 'loyalty.awarded' | 'loyalty.refused'): SagaReply<LoyaltyTopics> => ({
        topic,
        message: { orderId, sagaId },
      });

      function runWithLoyalty(...replies: SagaReply<LoyaltyTopics>[]) {
        const started = start(withLoyalty, orderSagaData(order, sagaId), { now });
        const actions: SagaAction<LoyaltyTopics>[] = [...started.actions];
        let { state } = started;
        for (const next of replies) {
          const transition = handle(withLoyalty, state, next, { now });
          actions.push(...transition.actions);
          state = transition.state;
        }
        return { actions, state };
      }

      it('sends the new step’s command in its place, and completes after it', () => {
        const { actions, state } = runWithLoyalty(
          inventoryReserved,
          paymentSucceeded,
          loyaltyReply('loyalty.awarded'),
          inventoryCompleted,
        );

        expect(actions.map((action) => action.topic)).to.deep.equal([
          'inventory.reserve',
          'payment.request',
          'loyalty.award',
          'inventory.commit',
          'order.confirm',
        ]);
        expect(actions[2]).to.deep.equal({
          topic: 'loyalty.award',
          value: { orderId, sagaId, customerId, points: 29 },
        });
        expect(state.status).to.equal('COMPLETING');
        expect(state.steps.map((step) => step.name)).to.deep.equal([
          'reserveInventory',
          'processPayment',
          'awardLoyaltyPoints',
          'commitInventory',
        ]);
      });

      it('compensates what came before it when it fails, newest first', () => {
        const { actions, state } = runWithLoyalty(
          inventoryReserved,
          paymentSucceeded,
          loyaltyReply('loyalty.refused'),
          reply('payment.refunded'),
          inventoryReleased,
        );

        expect(actions.map((action) => action.topic)).to.deep.equal([
          'inventory.reserve',
          'payment.request',
          'loyalty.award',
          'payment.refund',
          'inventory.release',
          'order.cancel',
        ]);
        expect(state.status).to.equal('CANCELLING');
        expect(state.steps.map((step) => step.status)).to.deep.equal([
          'COMPENSATED',
          'COMPENSATED',
          'FAILED',
          'PENDING',
        ]);
      });
    });
  });
});
