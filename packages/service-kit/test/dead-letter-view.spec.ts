import { expect } from 'chai';
import { deadLetterRecord, parseDeadLetter, replayRecord, type DeadLetter } from '@saga/events';
import { deadLetterView } from '../src/index.ts';

/** A message of order.confirm as a consumer reads it back: header values are Buffers. */
function readBack(record: ReturnType<typeof deadLetterRecord>, offset: string) {
  return {
    key: record.key as Buffer,
    value: record.value as Buffer,
    timestamp: '1700000000001',
    offset,
    headers: Object.fromEntries(
      Object.entries(record.headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))]),
    ),
  };
}

function deadLettered(headers: Record<string, Buffer>, offset = '4'): DeadLetter {
  const record = deadLetterRecord(
    {
      key: Buffer.from('order-1'),
      value: Buffer.from([0, 0, 0, 0, 7, 2]),
      timestamp: '1',
      offset: '17',
      headers,
    },
    {
      topic: 'order.confirm',
      partition: 1,
      consumerGroup: 'order-service',
      error: { name: 'Error', message: 'total out of range' },
      classification: 'permanent',
      attempts: 1,
      at: new Date('2026-01-01T00:00:00.000Z'),
    },
  );
  const letter = parseDeadLetter('order.confirm.dlq', 0, readBack(record, offset));
  if (!letter) throw new Error('not a dead letter');
  return letter;
}

describe('deadLetterView', () => {
  it('shows the decoded value as JSON beside the bytes, with the schema id', () => {
    const view = deadLetterView(deadLettered({ ce_id: Buffer.from('e-1') }), {
      json: { orderId: 'o-1' },
      schemaId: 7,
      decodeError: null,
    });
    expect(view).to.deep.include({
      value: { orderId: 'o-1' },
      valueBase64: Buffer.from([0, 0, 0, 0, 7, 2]).toString('base64'),
      valueBytes: 6,
      valueSchemaId: 7,
      decodeError: null,
    });
  });

  it('shows a value that did not decode as bytes only, with why', () => {
    const view = deadLetterView(deadLettered({}), {
      json: null,
      schemaId: 7,
      decodeError: 'unknown schema id 7',
    });
    expect(view).to.deep.include({ value: null, decodeError: 'unknown schema id 7' });
    expect(view.valueBase64).to.equal('AAAAAAcC');
  });

  it('keeps the original headers and the dead-letter headers, error ones included', () => {
    const view = deadLetterView(deadLettered({ ce_id: Buffer.from('e-1') }), {
      json: null,
      schemaId: null,
      decodeError: 'x',
    });
    expect(view.headers).to.deep.equal({ ce_id: 'e-1' });
    expect(view.deadLetterHeaders).to.include({
      'dlq.error.class': 'Error',
      'dlq.error.message': 'total out of range',
      'dlq.classification': 'permanent',
      'dlq.attempts': '1',
      'dlq.original.topic': 'order.confirm',
      'dlq.original.partition': '1',
      'dlq.original.offset': '17',
    });
  });

  it('shows that a dead letter is a replay of an earlier one, and that one was replayed', () => {
    const first = deadLettered({ ce_id: Buffer.from('e-1') }, '4');
    const replayed = replayRecord(first, new Date('2026-01-01T01:00:00.000Z'));
    const again = deadLettered(
      Object.fromEntries(Object.entries(replayed.headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))])),
      '9',
    );
    const view = deadLetterView(again, { json: null, schemaId: null, decodeError: 'x' });
    expect(view.replayOf).to.deep.equal({
      topic: 'order.confirm.dlq',
      partition: 0,
      offset: '4',
      at: '2026-01-01T01:00:00.000Z',
      count: 1,
    });
    expect(view.replayed).to.equal(null);
    const markedReplayed = deadLetterView(
      {
        ...first,
        replayed: {
          at: '2026-01-01T01:00:00.000Z',
          to: { topic: 'order.confirm', partition: 2, offset: '30' },
        },
      },
      { json: null, schemaId: null, decodeError: 'x' },
    );
    expect(markedReplayed.replayed).to.deep.equal({
      at: '2026-01-01T01:00:00.000Z',
      to: { topic: 'order.confirm', partition: 2, offset: '30' },
    });
  });
});
