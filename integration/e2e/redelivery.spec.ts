import { expect } from 'chai';
import { createKafkaCluster, type ConsumedRecord, type RawConsumer } from '@saga/events';
import { api, config, line, settled, unique } from './support/platform-client.ts';

/**
 * Kafka delivers at least once, so every consumer must apply a message once however often it
 * arrives. Here real messages of a finished saga are captured and delivered again, byte for byte.
 */
describe('redelivered messages', function () {
  this.timeout(120_000);
  const kafka = createKafkaCluster({
    clientId: 'redelivery-test',
    connection: { brokers: config.kafka.brokers },
  });
  const topics = ['payment.request', 'payment.success', 'inventory.commit', 'inventory.reserved'];
  const captured: ConsumedRecord[] = [];
  let consumer: RawConsumer;

  before(async () => {
    // Resolves once the group is joined: everything the saga sends after this is captured.
    consumer = await kafka.consumer({
      groupId: unique('redelivery-test'),
      topics,
      from: 'end',
      onRecord: (record) => {
        captured.push(record);
      },
    });
  });
  after(() => consumer.stop());

  it('changes nothing when a finished order’s commands and replies arrive again', async () => {
    const [sku, customer] = [unique('sku'), unique('customer')];
    await api.putStock(sku, 10);
    await api.putAccount(customer, 5000);
    const placed = await api.placeOrder({
      customerId: customer,
      currency: 'EUR',
      items: [line(sku, 2)],
    });
    const order = await settled(placed.body.orderId);
    expect(order.status).to.equal('CONFIRMED');

    const ofOrder = () => captured.filter((c) => c.key?.toString() === order.orderId);
    const deadline = Date.now() + 20_000;
    while (new Set(ofOrder().map((c) => c.topic)).size < topics.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const originals = ofOrder();
    expect(new Set(originals.map((c) => c.topic))).to.have.keys(topics);

    const producer = await kafka.producer();
    for (const { topic, key, value, headers } of originals) {
      await producer.send(topic, [{ key, value, headers: headers ?? {} }]);
    }
    await producer.disconnect();
    // Give every consumer time to see the copies; nothing observable may change.
    await new Promise((r) => setTimeout(r, 5000));

    expect((await api.getOrder(order.orderId)).body.status).to.equal('CONFIRMED');
    expect((await api.getStock(sku)).body).to.include({ available: 8, reserved: 0 });
    expect((await api.getAccount(customer)).body.balance).to.equal(3000);
  });
});
