import { expect } from 'chai';
import type { KafkaMessage } from 'kafkajs';
import {
  deadLetterRecord,
  deadLetterTopicOf,
  DeadLetterHeaders,
  isDeadLetterTopic,
  parseDeadLetter,
  parseReplayOf,
  replayRecord,
  type DeadLetterFailure,
} from '../src/index.ts';

const garbage = Buffer.from([0xde, 0xad, 0xbe, 0xef]);

function consumed(headers: KafkaMessage['headers'] = {}): KafkaMessage {
  return {
    key: Buffer.from('order-1'),
    value: garbage,
    timestamp: '1700000000000',
    attributes: 0,
    offset: '42',
    headers,
  };
}

const failure: DeadLetterFailure = {
  topic: 'order.created',
  partition: 2,
  consumerGroup: 'orchestrator-service',
  error: {
    name: 'MessageDecodeError',
    code: 'MESSAGE_UNDECODABLE',
    message: 'shorter than the 5-byte header',
  },
  classification: 'permanent',
  attempts: 1,
  at: new Date('2026-01-02T03:04:05.000Z'),
};

const text = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));

describe('dead-letter topic names', () => {
  it('are the topic with .dlq appended', () => {
    expect(deadLetterTopicOf('inventory.reserve')).to.equal('inventory.reserve.dlq');
    expect(isDeadLetterTopic('inventory.reserve.dlq')).to.equal(true);
    expect(isDeadLetterTopic('inventory.reserve')).to.equal(false);
  });
});

describe('deadLetterRecord', () => {
  it('keeps the original key, value bytes and headers, and says where the message came from and why', () => {
    const record = deadLetterRecord(
      consumed({ ce_id: Buffer.from('e-1'), traceparent: Buffer.from('tp') }),
      failure,
    );
    expect(record.key).to.deep.equal(Buffer.from('order-1'));
    expect(record.value).to.equal(garbage);
    expect(text(record.headers ?? {})).to.deep.equal({
      ce_id: 'e-1',
      traceparent: 'tp',
      'dlq.original.topic': 'order.created',
      'dlq.original.partition': '2',
      'dlq.original.offset': '42',
      'dlq.original.timestamp': '1700000000000',
      'dlq.consumer.group': 'orchestrator-service',
      'dlq.error.class': 'MessageDecodeError',
      'dlq.error.code': 'MESSAGE_UNDECODABLE',
      'dlq.error.message': 'shorter than the 5-byte header',
      'dlq.classification': 'permanent',
      'dlq.attempts': '1',
      'dlq.dead-lettered-at': '2026-01-02T03:04:05.000Z',
    });
  });

  it('leaves out the code header when the error has no code, and says the error was unclassified', () => {
    const record = deadLetterRecord(consumed(), {
      ...failure,
      error: { name: 'TypeError', message: 'x is undefined' },
      classification: 'unclassified',
      attempts: 5,
    });
    expect(record.headers).to.not.have.property(DeadLetterHeaders.errorCode);
    expect(record.headers).to.include({ 'dlq.classification': 'unclassified', 'dlq.attempts': '5' });
  });

  it('replaces the dlq headers of an earlier dead-lettering but keeps where a replay came from', () => {
    const replayed = consumed({
      ce_id: Buffer.from('e-1'),
      'dlq.original.offset': Buffer.from('7'),
      'dlq.replayed-from': Buffer.from('order.created.dlq/0/3'),
    });
    const headers = text(deadLetterRecord(replayed, failure).headers ?? {});
    expect(headers['dlq.original.offset']).to.equal('42');
    expect(headers['dlq.replayed-from']).to.equal('order.created.dlq/0/3');
  });

  it('cuts a very long error message', () => {
    const record = deadLetterRecord(consumed(), {
      ...failure,
      error: { name: 'E', message: 'x'.repeat(10_000) },
    });
    expect(String(record.headers?.[DeadLetterHeaders.errorMessage]).length).to.be.below(2100);
  });
});

describe('parseDeadLetter and replayRecord', () => {
  /** A record as a consumer of the .dlq topic reads it back: header values are Buffers. */
  function readBack(record: ReturnType<typeof deadLetterRecord>, offset = '5'): KafkaMessage {
    const headers = Object.fromEntries(
      Object.entries(record.headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))]),
    );
    return { ...consumed(headers), key: record.key as Buffer, value: record.value as Buffer, offset };
  }

  it('reads a dead letter back: where it is, where it came from, why, and the original headers', () => {
    const record = deadLetterRecord(consumed({ ce_id: Buffer.from('e-1') }), failure);
    const letter = parseDeadLetter('order.created.dlq', 0, readBack(record));
    expect(letter).to.deep.include({
      topic: 'order.created.dlq',
      partition: 0,
      offset: '5',
      original: { topic: 'order.created', partition: 2, offset: '42', timestamp: '1700000000000' },
      consumerGroup: 'orchestrator-service',
      error: failure.error,
      classification: 'permanent',
      attempts: 1,
      deadLetteredAt: '2026-01-02T03:04:05.000Z',
    });
    expect(letter?.value).to.deep.equal(garbage);
    expect(Object.keys(letter?.headers ?? {})).to.deep.equal(['ce_id']);
  });

  it('is undefined for a record that is not a dead letter', () => {
    expect(parseDeadLetter('order.created.dlq', 0, consumed({ ce_id: Buffer.from('e-1') }))).to.equal(
      undefined,
    );
  });

  it('replays the original key, bytes and headers, marked with the dead letter it came from', () => {
    const record = deadLetterRecord(consumed({ ce_id: Buffer.from('e-1') }), failure);
    const letter = parseDeadLetter('order.created.dlq', 0, readBack(record, '9'));
    if (!letter) throw new Error('not parsed');
    const replay = replayRecord(letter, new Date('2026-02-01T00:00:00.000Z'));
    expect(replay.key).to.deep.equal(Buffer.from('order-1'));
    expect(replay.value).to.deep.equal(garbage);
    expect(text(replay.headers ?? {})).to.deep.equal({
      ce_id: 'e-1',
      'dlq.replayed-from': 'order.created.dlq/0/9',
      'dlq.replayed-at': '2026-02-01T00:00:00.000Z',
      'dlq.replay-count': '1',
    });
    expect(letter.replayOf).to.equal(null);
  });

  it('keeps the dead-letter headers as text, and is not yet known to be replayed', () => {
    const letter = parseDeadLetter('order.created.dlq', 0, readBack(deadLetterRecord(consumed(), failure)));
    expect(letter?.deadLetterHeaders).to.deep.include({
      'dlq.error.class': 'MessageDecodeError',
      'dlq.error.code': 'MESSAGE_UNDECODABLE',
      'dlq.classification': 'permanent',
      'dlq.attempts': '1',
    });
    expect(letter?.replayed).to.equal(null);
  });

  it('a replay that fails again is a dead letter saying which one it is a replay of, and the count', () => {
    const first = parseDeadLetter(
      'order.created.dlq',
      0,
      readBack(deadLetterRecord(consumed({ ce_id: Buffer.from('e-1') }), failure), '9'),
    );
    if (!first) throw new Error('not parsed');
    const replay = replayRecord(first, new Date('2026-02-01T00:00:00.000Z'));
    const second = parseDeadLetter(
      'order.created.dlq',
      0,
      readBack(deadLetterRecord(readBack(replay, '50'), failure), '12'),
    );
    expect(second?.replayOf).to.deep.equal({
      topic: 'order.created.dlq',
      partition: 0,
      offset: '9',
      at: '2026-02-01T00:00:00.000Z',
      count: 1,
    });
    if (!second) throw new Error('not parsed');
    const replayAgain = text(replayRecord(second, new Date('2026-02-02T00:00:00.000Z')).headers ?? {});
    expect(replayAgain).to.include({
      'dlq.replayed-from': 'order.created.dlq/0/12',
      'dlq.replay-count': '2',
    });
  });
});

describe('parseReplayOf', () => {
  it('is null without provenance or with provenance it cannot read', () => {
    expect(parseReplayOf({})).to.equal(null);
    expect(parseReplayOf({ 'dlq.replayed-from': Buffer.from('nonsense') })).to.equal(null);
  });

  it('counts a replay without a count header as the first', () => {
    expect(
      parseReplayOf({ 'dlq.replayed-from': Buffer.from('a.dlq/0/3'), 'dlq.replayed-at': Buffer.from('t') }),
    ).to.deep.equal({ topic: 'a.dlq', partition: 0, offset: '3', at: 't', count: 1 });
  });
});
