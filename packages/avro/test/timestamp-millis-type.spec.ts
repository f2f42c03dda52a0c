import { expect } from 'chai';
import { parseAvro, TimestampMillisType } from '../src/index.ts';

const timestamp = { type: 'long', logicalType: 'timestamp-millis' };
const record = (type: unknown) => ({
  type: 'record',
  name: 'Event',
  namespace: 'test',
  fields: [{ name: 'at', type }],
});

describe('TimestampMillisType', () => {
  it('makes timestamp-millis a logical type over long', () => {
    const type = parseAvro(timestamp);
    expect(type).to.be.instanceOf(TimestampMillisType);
    expect(type.typeName).to.equal('logical:timestamp-millis');
  });

  it('round-trips a Date through its millisecond long', () => {
    const type = parseAvro(timestamp);
    const at = new Date('2024-05-06T07:08:09.123Z');
    const decoded: unknown = type.fromBuffer(type.toBuffer(at));
    expect(decoded).to.be.instanceOf(Date);
    expect(decoded).to.deep.equal(at);
    // The wire holds the plain long, so readers without the logical type see the millis.
    expect(parseAvro('long').fromBuffer(type.toBuffer(at))).to.equal(at.getTime());
  });

  it('refuses numbers, strings and Invalid Dates when encoding', () => {
    const type = parseAvro(timestamp);
    expect(type.isValid(new Date(0))).to.equal(true);
    expect(type.isValid(0)).to.equal(false);
    expect(type.isValid('2024-05-06T07:08:09Z')).to.equal(false);
    expect(type.isValid(new Date(Number.NaN))).to.equal(false);
    expect(() => type.toBuffer(1714979289123)).to.throw();
  });

  it('refuses to decode a long that no Date can hold', () => {
    const tooLate = parseAvro('long').toBuffer(8.64e15 + 1);
    expect(() => parseAvro(timestamp).fromBuffer(tooLate) as unknown).to.throw(/outside the range of a Date/);
  });

  it('falls back to the plain type when it annotates something other than a long', () => {
    const type = parseAvro({ type: 'int', logicalType: 'timestamp-millis' });
    expect(type.typeName).to.equal('int');
  });

  it('reads a plain long field written by an older schema as a Date', () => {
    const writer = parseAvro(record('long'));
    const reader = parseAvro(record(timestamp));
    const decoded = reader.fromBuffer(writer.toBuffer({ at: 42 }), reader.createResolver(writer)) as {
      at: unknown;
    };
    expect(decoded.at).to.deep.equal(new Date(42));
  });

  it('reads its own logical type through a resolver into a fresh Date', () => {
    const writer = parseAvro(record(timestamp));
    const reader = parseAvro(record(timestamp));
    const at = new Date(42);
    const decoded = reader.fromBuffer(writer.toBuffer({ at }), reader.createResolver(writer)) as {
      at: unknown;
    };
    expect(decoded.at).to.deep.equal(at);
  });

  it('will not resolve from a type that holds no timestamp', () => {
    expect(() => parseAvro(record(timestamp)).createResolver(parseAvro(record('string')))).to.throw();
  });
});
