import { parseAvro } from '@saga/avro';
import { expect } from 'chai';
import { buildModel, CodegenError, type SchemaModel } from '../src/index.ts';
import type { TypeModel } from '../src/model/type-model.ts';

/** The model of one field's type, in a record made for it. */
function fieldModel(type: unknown): TypeModel {
  const model = buildModel(
    parseAvro({ type: 'record', name: 'R', namespace: 'test', fields: [{ name: 'f', type, doc: 'F.' }] }),
  );
  return model.root.fields[0]!.type;
}

const record = (name: string) => ({ type: 'record', name, fields: [{ name: 'x', type: 'int' }] });

describe('buildModel', () => {
  describe('follows avsc on how each union is held', () => {
    it('null and one type: a nullable value, whichever comes first', () => {
      const nullable = { kind: 'nullable', type: { kind: 'primitive', name: 'string' } };
      expect(fieldModel(['null', 'string'])).to.deep.equal(nullable);
      expect(fieldModel(['string', 'null'])).to.deep.equal(nullable);
    });

    it('branches JS tells apart: unwrapped', () => {
      const model = fieldModel(['null', 'string', 'int', record('A')]);
      expect(model).to.deep.include({ kind: 'union', wrapped: false });
    });

    it('branches JS cannot tell apart: wrapped, each under avsc’s branch name', () => {
      expect(fieldModel(['int', 'long'])).to.deep.equal({
        kind: 'union',
        wrapped: true,
        branches: [
          { name: 'int', type: { kind: 'primitive', name: 'int' } },
          { name: 'long', type: { kind: 'primitive', name: 'long' } },
        ],
      });
      const records = fieldModel(['null', record('A'), record('B')]);
      expect(records).to.deep.include({ kind: 'union', wrapped: true });
      expect(
        (records as { branches: readonly { name: string }[] }).branches.map((b) => b.name),
      ).to.deep.equal(['null', 'test.A', 'test.B']);
      expect(fieldModel([record('C'), { type: 'map', values: 'int' }])).to.deep.include({ wrapped: true });
    });
  });

  describe('follows avsc on logical types', () => {
    it('models the ones the options apply', () => {
      expect(fieldModel({ type: 'long', logicalType: 'timestamp-millis' })).to.deep.equal({
        kind: 'logical',
        logicalType: 'timestamp-millis',
        underlying: { kind: 'primitive', name: 'long' },
      });
      expect(fieldModel({ type: 'string', logicalType: 'uuid' })).to.deep.include({
        kind: 'logical',
        logicalType: 'uuid',
      });
    });

    it('models the underlying type where avsc ignores the logical type', () => {
      expect(fieldModel({ type: 'int', logicalType: 'timestamp-millis' })).to.deep.equal({
        kind: 'primitive',
        name: 'int',
      });
      expect(fieldModel({ type: 'bytes', logicalType: 'decimal', precision: 4 })).to.deep.equal({
        kind: 'primitive',
        name: 'bytes',
      });
    });
  });

  it('lists named types in order of first use, with docs, symbols, defaults and sizes', () => {
    const model: SchemaModel = buildModel(
      parseAvro({
        type: 'record',
        name: 'Root',
        namespace: 'test',
        doc: 'The root.',
        fields: [
          {
            name: 'kind',
            type: { type: 'enum', name: 'Kind', symbols: ['OTHER', 'A'], default: 'OTHER' },
            default: 'A',
          },
          { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 4 } },
          { name: 'note', type: ['null', 'string'], default: null, doc: 'A note.' },
        ],
      }),
    );
    expect([...model.namedTypes.keys()]).to.deep.equal(['test.Root', 'test.Kind', 'test.Hash']);
    expect(model.root).to.deep.include({ name: 'Root', namespace: 'test', doc: 'The root.' });
    expect(model.root.fields[0]).to.deep.include({ name: 'kind', default: { json: 'A' } });
    expect(model.root.fields[1]).to.not.have.property('default');
    expect(model.root.fields[2]).to.deep.include({ doc: 'A note.', default: { json: null } });
    expect(model.namedTypes.get('test.Kind')).to.deep.include({
      kind: 'enum',
      symbols: ['OTHER', 'A'],
      default: 'OTHER',
    });
    expect(model.namedTypes.get('test.Hash')).to.deep.include({ kind: 'fixed', size: 4 });
  });

  it('models a recursive record as a reference to itself', () => {
    const model = buildModel(
      parseAvro({
        type: 'record',
        name: 'Node',
        namespace: 'test',
        fields: [{ name: 'next', type: ['null', 'Node'] }],
      }),
    );
    expect(model.root.fields[0]!.type).to.deep.equal({
      kind: 'nullable',
      type: { kind: 'named', fullName: 'test.Node' },
    });
  });

  it('refuses an anonymous record, which would have no TypeScript name', () => {
    expect(() => fieldModel({ type: 'record', fields: [] })).to.throw(CodegenError, /anonymous record/);
  });

  it('refuses a schema whose top level is not a record', () => {
    expect(() => buildModel(parseAvro('string'))).to.throw(CodegenError, /top level must be a record/);
  });
});
