import { expect } from 'chai';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { api, config, line, settled, unique } from './support/platform-client.ts';

/**
 * Kafka delivers at least once, so every consumer must apply a message once however often it
 * arrives. Here real messages of a finished saga are captured and delivered again, byte for byte.
 */
describe('redelivered messages', function () {
  this.timeout(120_000);
  const kafka = new Kafka({
    clientId: 'redelivery-test',
    brokers: [...config.kafka.brokers],
    logLevel: logLevel.NOTHING,
  });
  const topics = ['payment.request', 'payment.success', 'inventory.commit', 'inventory.reserved'];
  const captured: { topic: string; message: KafkaMessage }[] = [];
  let consumer: Consumer;

  before(async () => {
    consumer = kafka.consumer({ groupId: unique('redelivery-test') });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: false });
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => {
        resolve();
      }),
    );
    await consumer.run({
      eachMessage: ({ topic, message }) => {
        captured.push({ topic, message });
        return Promise.resolve();
      },
    });
    await joined;
  });
  after(() => consumer.disconnect());

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

    const ofOrder = () => captured.filter((c) => c.message.key?.toString() === order.orderId);
    const deadline = Date.now() + 20_000;
    while (new Set(ofOrder().map((c) => c.topic)).size < topics.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const originals = ofOrder();
    expect(new Set(originals.map((c) => c.topic))).to.have.keys(topics);

    const producer = kafka.producer();
    await producer.connect();
    for (const { topic, message } of originals) {
      await producer.send({
        topic,
        messages: [{ key: message.key, value: message.value, headers: message.headers ?? {} }],
      });
    }
    await producer.disconnect();
    // Give every consumer time to see the copies; nothing observable may change.
    await new Promise((r) => setTimeout(r, 5000));

    expect((await api.getOrder(order.orderId)).body.status).to.equal('CONFIRMED');
    expect((await api.getStock(sku)).body).to.include({ available: 8, reserved: 0 });
    expect((await api.getAccount(customer)).body.balance).to.equal(3000);
  });
});
