import { join } from 'node:path';
import { parseAvro } from '@saga/avro';
import { expect } from 'chai';
import { buildModel, fsSchemaSource, loadSchemas, type LoadedSchema } from '../src/index.ts';
import type { FieldModel, NamedTypeModel, TypeModel } from '../src/model/type-model.ts';
import { repoRoot } from '../src/generate/layout.ts';

const isUuid = (t: TypeModel) => t.kind === 'logical' && t.logicalType === 'uuid';
const isTimestamp = (t: TypeModel): boolean =>
  (t.kind === 'logical' && t.logicalType === 'timestamp-millis') ||
  (t.kind === 'nullable' && isTimestamp(t.type));

// The conventions of schemas/, checked on the schemas themselves.
describe('the saga’s schemas', () => {
  let schemas: LoadedSchema[];
  let models: Map<
    string,
    { root: { namespace: string; fields: readonly FieldModel[] }; types: NamedTypeModel[] }
  >;

  before(async () => {
    schemas = await loadSchemas(fsSchemaSource(join(repoRoot, 'schemas')));
    models = new Map(
      schemas.map(({ topic, schema }) => {
        const model = buildModel(parseAvro(schema));
        return [topic, { root: model.root, types: [...model.namedTypes.values()] }];
      }),
    );
  });

  it('cover exactly the saga’s topics', () => {
    expect(schemas.map((s) => s.topic)).to.have.members([
      'order.created',
      'order.cancel',
      'order.cancelled',
      'order.confirm',
      'order.confirmed',
      'inventory.reserve',
      'inventory.reserved',
      'inventory.failed',
      'inventory.commit',
      'inventory.completed',
      'inventory.release',
      'inventory.released',
      'payment.request',
      'payment.success',
      'payment.failed',
      'payment.refund',
      'payment.refunded',
      // The return saga's (services/orchestrator-service/src/return-saga).
      'order.return-requested',
      'order.approve-return',
      'order.return-approved',
      'order.return-rejected',
      'order.complete-return',
      'order.return-completed',
      'order.cancel-return',
      'order.return-cancelled',
      'inventory.restock',
      'inventory.restocked',
      'inventory.restock-failed',
      'payment.refund-return',
      'payment.return-refunded',
    ]);
    expect(schemas).to.have.length(30);
  });

  it('put each topic’s record in its domain’s namespace', () => {
    for (const { topic } of schemas) {
      expect(models.get(topic)!.root.namespace, topic).to.equal(`io.saga.${topic.split('.')[0]}`);
    }
  });

  it('document every record, enum and field', () => {
    for (const [topic, { types }] of models) {
      for (const type of types) {
        expect(type.doc, `${topic}: ${type.fullName}`).to.be.a('string').and.not.equal('');
        if (type.kind === 'record') {
          for (const field of type.fields)
            expect(field.doc, `${type.fullName}.${field.name}`).to.be.a('string');
        }
      }
    }
  });

  it('give every enum a default symbol, so readers survive new symbols', () => {
    for (const { types } of models.values()) {
      for (const type of types)
        if (type.kind === 'enum') expect(type.default, type.fullName).to.equal('UNKNOWN');
    }
  });

  it('carry the order id (a UUID) on every topic, and the saga id on every command and reply', () => {
    for (const [topic, { root }] of models) {
      const field = (name: string) => root.fields.find((f) => f.name === name);
      expect(isUuid(field('orderId')!.type), topic).to.equal(true);
      // The events that start a saga carry no saga id yet.
      if (topic !== 'order.created' && topic !== 'order.return-requested')
        expect(isUuid(field('sagaId')!.type), topic).to.equal(true);
    }
  });

  it('make every *Id a UUID except the customer’s, and every *At a timestamp-millis', () => {
    for (const { types } of models.values()) {
      for (const type of types) {
        if (type.kind !== 'record') continue;
        for (const { name, type: fieldType } of type.fields) {
          if (name.endsWith('Id') && name !== 'customerId') expect(isUuid(fieldType), name).to.equal(true);
          if (name.endsWith('At')) expect(isTimestamp(fieldType), name).to.equal(true);
        }
      }
    }
  });

  it('have every logical type they name applied by avsc with the platform options', () => {
    for (const { topic, schema } of schemas) {
      const written = JSON.stringify(schema).match(/"logicalType"/g)?.length ?? 0;
      const applied = JSON.stringify([...models.get(topic)!.types]).match(/"kind":"logical"/g)?.length ?? 0;
      expect(applied, topic).to.equal(written);
    }
  });

  it('hold money as io.saga.common.Money, or null of it where the amount may be unknown', () => {
    const money = { kind: 'named', fullName: 'io.saga.common.Money' };
    for (const { types } of models.values()) {
      for (const type of types) {
        if (type.kind !== 'record') continue;
        for (const { name, type: fieldType } of type.fields) {
          if (['amount', 'total', 'unitPrice'].includes(name)) {
            expect(fieldType, name).to.deep.oneOf([money, { kind: 'nullable', type: money }]);
          }
        }
      }
    }
  });
});
