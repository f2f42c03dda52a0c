import { expect } from 'chai';
import { parseAvro } from '../src/index.ts';

describe('parseAvro', () => {
  it('parses a schema with the platform options', () => {
    const type = parseAvro({ type: 'long', logicalType: 'timestamp-millis' });
    expect(type.typeName).to.equal('logical:timestamp-millis');
  });

  it('gives every call its own registry of named types', () => {
    const money = {
      type: 'record',
      name: 'Money',
      namespace: 'test',
      fields: [{ name: 'minor', type: 'long' }],
    };
    expect(parseAvro(money).name).to.equal('test.Money');
    expect(parseAvro(money).name).to.equal('test.Money');
  });

  it('throws avsc’s error for an invalid schema', () => {
    expect(() =>
      parseAvro({ type: 'record', name: 'Broken', fields: [{ name: 'x', type: 'Nope' }] }),
    ).to.throw(/undefined type name: Nope/);
  });
});
