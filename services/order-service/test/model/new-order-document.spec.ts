import { expect } from 'chai';
import { parseAvro } from '@saga/avro';
import { topicSchemas } from '@saga/contracts';
import { newOrderDocument } from '../../src/model/new-order-document.ts';

const orderId = '9a2afb0f-10a2-5c5d-b79f-8f33eb15c3b9';
const now = new Date('2025-06-07T08:09:10.111Z');
const request = {
  customerId: 'customer-42',
  currency: 'EUR',
  items: [
    { sku: 'SKU-1', quantity: 2 },
    { sku: 'SKU-2', quantity: 1 },
  ],
};

describe('newOrderDocument', () => {
  it('is a PENDING order, not priced yet (the shop prices it in the saga), and nothing decided yet', () => {
    const order = newOrderDocument({ orderId, request, now });
    expect(order).to.deep.include({
      _id: orderId,
      customerId: 'customer-42',
      currency: 'EUR',
      items: request.items,
      pricedLines: [],
      total: null,
      status: 'PENDING',
      cancelReason: null,
      cancelDetail: null,
      sagaId: null,
      idempotencyKey: null,
      requestFingerprint: null,
      createdAt: now,
      updatedAt: now,
      processedMessageIds: [],
    });
  });

  it('carries its order.created message in its own outbox, keyed by the order id', () => {
    const order = newOrderDocument({ orderId, request, now });
    expect(order.outbox).to.have.length(1);
    const [entry] = order.outbox;
    expect(entry?.topic).to.equal('order.created');
    expect(entry?.key).to.equal(orderId);
    expect(entry?.id).to.match(/^[0-9a-f-]{36}$/);
    expect(entry?.value).to.deep.equal({
      orderId,
      customerId: 'customer-42',
      currency: 'EUR',
      items: [
        { sku: 'SKU-1', quantity: 2, unitPrice: { amountMinor: 0, currency: 'EUR' } },
        { sku: 'SKU-2', quantity: 1, unitPrice: { amountMinor: 0, currency: 'EUR' } },
      ],
      total: { amountMinor: 0, currency: 'EUR' },
      note: null,
      createdAt: now,
    });
  });

  it('writes a message that the order.created schema accepts', () => {
    const type = parseAvro(topicSchemas['order.created']);
    const problems: string[] = [];
    const valid = type.isValid(newOrderDocument({ orderId, request, now }).outbox[0]?.value, {
      errorHook: (path) => problems.push(path.join('.')),
    });
    expect(problems).to.deep.equal([]);
    expect(valid).to.equal(true);
  });

  it('keeps the idempotency key and the body fingerprint when a key was sent', () => {
    const order = newOrderDocument({
      orderId,
      request,
      now,
      idempotency: { key: 'k-1', fingerprint: 'f00d' },
    });
    expect(order.idempotencyKey).to.equal('k-1');
    expect(order.requestFingerprint).to.equal('f00d');
  });

  it("joins the caller's trace when the request had a traceparent", () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const order = newOrderDocument({ orderId, request, now, traceparent });
    // The request is the cause (tracing off: no span is active), so order.created is its child.
    expect(order.outbox[0]?.traceparent).to.equal(traceparent);
    expect(order.traceparent, 'kept with the order, for its re-drives').to.equal(traceparent);
  });

  it('starts a new trace otherwise', () => {
    const order = newOrderDocument({ orderId, request, now });
    expect(order.outbox[0]?.traceparent).to.match(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
