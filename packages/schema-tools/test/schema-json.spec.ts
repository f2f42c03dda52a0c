import { expect } from 'chai';
import { sameSchema, schemaText } from '../src/index.ts';

const money = {
  type: 'record',
  name: 'Money',
  namespace: 'io.saga.common',
  fields: [{ name: 'cents', type: 'long' }],
};
const order = (moneyType: object, reference: string) => ({
  type: 'record',
  name: 'Order',
  namespace: 'io.saga.common',
  fields: [
    { name: 'net', type: moneyType },
    { name: 'gross', type: reference },
  ],
});

describe('schema JSON', () => {
  it('sends a schema as compact JSON text', () => {
    expect(schemaText({ type: 'record', name: 'R', fields: [] })).to.equal(
      '{"type":"record","name":"R","fields":[]}',
    );
  });

  describe('sameSchema', () => {
    it('ignores key order', () => {
      expect(
        sameSchema({ type: 'string', logicalType: 'uuid' }, { logicalType: 'uuid', type: 'string' }),
      ).to.equal(true);
    });

    it('ignores how names are qualified, as the registry rewrites them', () => {
      const asRegistryReturnsIt = { type: 'record', name: 'Money', fields: money.fields };
      expect(sameSchema(order(money, 'io.saga.common.Money'), order(asRegistryReturnsIt, 'Money'))).to.equal(
        true,
      );
    });

    it('sees a name in another namespace as a change', () => {
      expect(
        sameSchema(order(money, 'Money'), order({ ...money, namespace: 'other' }, 'other.Money')),
      ).to.equal(false);
    });

    it('sees a changed doc, default or type as a change', () => {
      const field = (extra: object) => ({
        type: 'record',
        name: 'R',
        fields: [{ name: 'a', type: 'int', ...extra }],
      });
      expect(sameSchema(field({}), field({ doc: 'A.' }))).to.equal(false);
      expect(sameSchema(field({ default: 1 }), field({ default: 2 }))).to.equal(false);
      expect(sameSchema(field({}), field({ type: 'long' }))).to.equal(false);
    });
  });
});
