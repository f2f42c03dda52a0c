import { expect } from 'chai';
import { isUuid, parseAvro, UuidType } from '../src/index.ts';

const uuid = { type: 'string', logicalType: 'uuid' };
const id = '0b0e5a7c-3f1d-4c1e-9a51-7f3c2d1e0a9b';

describe('UuidType', () => {
  it('makes uuid a logical type over string whose values stay strings', () => {
    const type = parseAvro(uuid);
    expect(type).to.be.instanceOf(UuidType);
    expect(type.fromBuffer(type.toBuffer(id))).to.equal(id);
  });

  it('refuses to encode a string that is not a UUID', () => {
    const type = parseAvro(uuid);
    expect(type.isValid(id.toUpperCase())).to.equal(true);
    expect(type.isValid('order-1')).to.equal(false);
    expect(type.isValid(`${id}0`)).to.equal(false);
    expect(type.isValid(42)).to.equal(false);
    expect(() => type.toBuffer('order-1')).to.throw();
  });

  it('decodes whatever string is on the wire, so one bad record cannot stall a consumer', () => {
    expect(parseAvro(uuid).fromBuffer(parseAvro('string').toBuffer('order-1'))).to.equal('order-1');
  });

  it('falls back to the plain type when it annotates something other than a string', () => {
    expect(parseAvro({ type: 'bytes', logicalType: 'uuid' }).typeName).to.equal('bytes');
  });

  it('reads a plain string written by an older schema', () => {
    const writer = parseAvro('string');
    const reader = parseAvro(uuid);
    expect(reader.fromBuffer(writer.toBuffer(id), reader.createResolver(writer))).to.equal(id);
  });
});

describe('isUuid', () => {
  it('accepts the 8-4-4-4-12 hex form of any version and rejects the rest', () => {
    expect(isUuid(id)).to.equal(true);
    expect(isUuid('00000000-0000-0000-0000-000000000000')).to.equal(true);
    expect(isUuid('0b0e5a7c3f1d4c1e9a517f3c2d1e0a9b')).to.equal(false);
    expect(isUuid('0b0e5a7c-3f1d-4c1e-9a51-7f3c2d1e0a9g')).to.equal(false);
    expect(isUuid(undefined)).to.equal(false);
  });
});
