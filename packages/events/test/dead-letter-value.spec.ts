import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { expect } from 'chai';
import type avro from 'avsc';
import { parseAvro } from '@saga/avro';
import { topicSchemas, type TopicName } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import { avroToJson, DeadLetterValueDecoder } from '../src/index.ts';

/** Confluent's wire format: magic byte 0, the schema id (4 bytes, big-endian), the Avro body. */
function framed(id: number, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(id, 1);
  return Buffer.concat([header, body]);
}

/**
 * A registry that knows some schemas by id and decodes as @kafkajs/confluent-schema-registry does:
 * with the writer's schema, parsed with the platform's Avro options. It can also be "down".
 */
function registry(types: Map<number, avro.Type>, state = { down: false, asked: 0 }) {
  const decode = (buffer: Buffer): Promise<unknown> => {
    state.asked += 1;
    if (state.down)
      return Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8081'), { status: 400 }));
    const type = types.get(buffer.readInt32BE(1));
    if (!type) return Promise.reject(Object.assign(new Error('Schema not found'), { status: 404 }));
    return Promise.resolve(type.fromBuffer(buffer.subarray(5)));
  };
  return { registry: { decode } as unknown as Pick<SchemaRegistry, 'decode'>, state };
}

describe('DeadLetterValueDecoder', () => {
  const topics = Object.keys(topicSchemas) as TopicName[];
  const types = new Map(topics.map((topic, i) => [i + 1, parseAvro(topicSchemas[topic])]));

  it('decodes a value of every platform topic with its writer schema into JSON', async () => {
    const decoder = new DeadLetterValueDecoder(registry(types).registry);
    for (const [i, topic] of topics.entries()) {
      const type = types.get(i + 1);
      if (!type) throw new Error('no type');
      const decoded = await decoder.decode(framed(i + 1, type.toBuffer(topicSamples[topic])));
      // What JSON makes of the sample: Dates become ISO text, everything else stays as it is.
      expect(decoded, topic).to.deep.equal({
        json: JSON.parse(JSON.stringify(topicSamples[topic])) as unknown,
        schemaId: i + 1,
        decodeError: null,
      });
    }
  });

  it('renders each Avro type the schemas use: uuid, string, int, long, enum, array, records, nullable unions, timestamp-millis', async () => {
    const type = parseAvro(topicSchemas['inventory.reserved']);
    const decoder = new DeadLetterValueDecoder(registry(new Map([[3, type]])).registry);
    const { json } = await decoder.decode(framed(3, type.toBuffer(topicSamples['inventory.reserved'])));
    const value = json as Record<string, unknown>;
    expect(value.orderId)
      .to.be.a('string')
      .and.match(/^[0-9a-f-]{36}$/);
    expect(value.total).to.deep.equal({ amountMinor: 2999, currency: 'EUR' });
    const sample = topicSamples['inventory.reserved'];
    expect(value.expiresAt).to.equal(sample.expiresAt?.toISOString());
    expect(value.reservedAt).to.equal(sample.reservedAt.toISOString());
    expect(value.pricedLines).to.deep.equal(JSON.parse(JSON.stringify(sample.pricedLines)));
    const failed = parseAvro(topicSchemas['payment.failed']);
    const reason = await new DeadLetterValueDecoder(registry(new Map([[4, failed]])).registry).decode(
      framed(4, failed.toBuffer(topicSamples['payment.failed'])),
    );
    expect(reason.json).to.deep.include({ reason: 'INSUFFICIENT_FUNDS', detail: null });
  });

  it('says why a value is not decoded: none, too short, not Confluent-framed, unknown schema id, bytes the schema cannot read', async () => {
    const type = parseAvro(topicSchemas['order.cancelled']);
    const decoder = new DeadLetterValueDecoder(registry(new Map([[5, type]])).registry);
    expect(await decoder.decode(null)).to.deep.equal({
      json: null,
      schemaId: null,
      decodeError: 'the message has no value',
    });
    expect((await decoder.decode(Buffer.from([0, 0]))).decodeError).to.equal(
      'shorter than the 5-byte Confluent header',
    );
    expect((await decoder.decode(Buffer.from('this is not avro'))).decodeError).to.equal(
      'magic byte is 116, expected 0',
    );
    expect(await decoder.decode(framed(99, Buffer.from([2])))).to.deep.equal({
      json: null,
      schemaId: 99,
      decodeError: 'unknown schema id 99',
    });
    const truncated = await decoder.decode(framed(5, Buffer.from([0x48])));
    expect(truncated).to.include({ json: null, schemaId: 5 });
    expect(truncated.decodeError).to.be.a('string').and.not.equal('');
  });

  it('asks an absent registry once per schema id, not once per dead letter', async () => {
    const { registry: down, state } = registry(types, { down: true, asked: 0 });
    const decoder = new DeadLetterValueDecoder(down);
    for (let letter = 0; letter < 3; letter += 1) {
      const decoded = await decoder.decode(framed(1, Buffer.from([2])));
      expect(decoded.decodeError).to.contain('the schema registry did not answer for schema id 1');
      expect(decoded.decodeError).to.contain('ECONNREFUSED');
    }
    expect(state.asked).to.equal(1);
  });
});

describe('avroToJson', () => {
  it('makes what JSON cannot hold into text: Dates ISO, bytes base64, bigints decimal, NaN and infinities named', () => {
    expect(
      avroToJson({
        at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
        bytes: Buffer.from([0xde, 0xad]),
        big: 9007199254740993n,
        ratio: Number.NaN,
        limit: Number.NEGATIVE_INFINITY,
        wrapped: { 'io.saga.common.Money': { amountMinor: 5, currency: 'EUR' } },
        list: [1, 'two', null, true],
      }),
    ).to.deep.equal({
      at: '2026-01-02T03:04:05.000Z',
      bytes: '3q0=',
      big: '9007199254740993',
      ratio: 'NaN',
      limit: '-Infinity',
      wrapped: { 'io.saga.common.Money': { amountMinor: 5, currency: 'EUR' } },
      list: [1, 'two', null, true],
    });
  });

  it('refuses a long beyond 2^53 rather than show it rounded: the value stays bytes, with why', async () => {
    const type = parseAvro({ type: 'record', name: 'Big', fields: [{ name: 'n', type: 'long' }] });
    // 2^53 + 1 as an Avro long: zig-zag 2^54 + 2, written as a varint by hand (avsc will not encode it).
    const varint: number[] = [];
    let n = 2n ** 54n + 2n;
    while (n >= 0x80n) {
      varint.push(Number((n & 0x7fn) | 0x80n));
      n >>= 7n;
    }
    varint.push(Number(n));
    const decoder = new DeadLetterValueDecoder(registry(new Map([[8, type]])).registry);
    const decoded = await decoder.decode(framed(8, Buffer.from(varint)));
    expect(decoded).to.deep.equal({ json: null, schemaId: 8, decodeError: 'potential precision loss' });
  });
});
