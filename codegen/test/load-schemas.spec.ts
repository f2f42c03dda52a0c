import avsc from 'avsc';
import { expect } from 'chai';
import { loadSchemas, memorySchemaSource, SchemaLoadError, type SchemaSource } from '../src/index.ts';

const money = JSON.stringify({
  type: 'record',
  name: 'Money',
  namespace: 'io.test.common',
  doc: 'Money.',
  fields: [{ name: 'amountMinor', type: 'long' }],
});

const topic = (name: string, fields: unknown[], namespace = 'io.test.order') =>
  JSON.stringify({ type: 'record', name, namespace, fields });

async function loadError(files: Record<string, string> | SchemaSource): Promise<SchemaLoadError> {
  const source = 'list' in files ? (files as SchemaSource) : memorySchemaSource(files);
  try {
    await loadSchemas(source);
  } catch (error) {
    expect(error).to.be.instanceOf(SchemaLoadError);
    return error as SchemaLoadError;
  }
  return expect.fail('the schemas loaded');
}

describe('loadSchemas', () => {
  it('loads one schema per topic, sorted by topic, with its TopicNameStrategy subject', async () => {
    const loaded = await loadSchemas(
      memorySchemaSource({
        'order/order.created.avsc': topic('Created', [{ name: 'id', type: 'string' }]),
        'inventory/inventory.reserve.avsc': topic(
          'Reserve',
          [{ name: 'id', type: 'string' }],
          'io.test.inventory',
        ),
        'common/Money.avsc': money,
        'compatibility.json': '{ "not": "a schema" }',
      }),
    );
    expect(loaded.map(({ topic, subject, file }) => ({ topic, subject, file }))).to.deep.equal([
      {
        topic: 'inventory.reserve',
        subject: 'inventory.reserve-value',
        file: 'inventory/inventory.reserve.avsc',
      },
      { topic: 'order.created', subject: 'order.created-value', file: 'order/order.created.avsc' },
    ]);
  });

  it('inlines a shared type where it is first used and refers to it by full name after', async () => {
    const [loaded] = await loadSchemas(
      memorySchemaSource({
        'common/Money.avsc': money,
        'order/order.paid.avsc': topic('Paid', [
          { name: 'total', type: 'io.test.common.Money' },
          { name: 'refunds', type: { type: 'array', items: 'io.test.common.Money' } },
        ]),
      }),
    );
    const { fields } = loaded!.schema as { fields: { type: unknown }[] };
    expect(fields[0]!.type).to.deep.equal(JSON.parse(money));
    expect(fields[1]!.type).to.deep.equal({ type: 'array', items: 'io.test.common.Money' });
  });

  it('makes schemas self-contained: plain avsc parses them without the other files', async () => {
    const loaded = await loadSchemas(
      memorySchemaSource({
        'common/Money.avsc': money,
        'common/Line.avsc': JSON.stringify({
          type: 'record',
          name: 'Line',
          namespace: 'io.test.common',
          fields: [{ name: 'price', type: 'Money' }],
        }),
        'order/order.placed.avsc': topic('Placed', [
          { name: 'lines', type: { type: 'array', items: 'io.test.common.Line' } },
        ]),
      }),
    );
    const type = avsc.Type.forSchema(loaded[0]!.schema as avsc.Schema);
    expect(type.isValid({ lines: [{ price: { amountMinor: 1 } }] })).to.equal(true);
  });

  it('gives every inlined type an explicit namespace, so it keeps its name inside another namespace', async () => {
    const [loaded] = await loadSchemas(
      memorySchemaSource({
        'common/Money.avsc': JSON.stringify({ type: 'record', name: 'io.test.common.Money', fields: [] }),
        'order/order.paid.avsc': topic('Paid', [{ name: 'total', type: 'io.test.common.Money' }]),
      }),
    );
    const total = (loaded!.schema as { fields: { type: unknown }[] }).fields[0]!.type;
    expect(total).to.deep.equal({ type: 'record', name: 'Money', namespace: 'io.test.common', fields: [] });
  });

  it('accepts a type used before the place it is defined in the same file', async () => {
    const [loaded] = await loadSchemas(
      memorySchemaSource({
        'order/order.x.avsc': topic('X', [
          { name: 'first', type: 'Kind' },
          { name: 'second', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'] } },
        ]),
      }),
    );
    const fields = (loaded!.schema as { fields: { type: unknown }[] }).fields;
    expect(fields[0]!.type).to.deep.include({ type: 'enum', name: 'Kind', namespace: 'io.test.order' });
    expect(fields[1]!.type).to.equal('io.test.order.Kind');
  });

  describe('errors', () => {
    it('names the file and the parse problem for bad JSON', async () => {
      const error = await loadError({ 'order/order.created.avsc': '{ "type": "record", ' });
      expect(error.code).to.equal('SCHEMA_INVALID_JSON');
      expect(error.file).to.equal('order/order.created.avsc');
      expect(error.message).to.match(/^order\/order\.created\.avsc: is not valid JSON/);
      expect(error.retriable).to.equal(false);
    });

    it('refuses a topic file in another domain’s folder, saying where it belongs', async () => {
      const error = await loadError({ 'order/inventory.reserve.avsc': topic('R', []) });
      expect(error.code).to.equal('SCHEMA_TOPIC_MISMATCH');
      expect(error.file).to.equal('order/inventory.reserve.avsc');
      expect(error.message).to.include('inventory/inventory.reserve.avsc');
    });

    it('refuses a topic file outside a domain folder, or nested deeper', async () => {
      expect((await loadError({ 'order.created.avsc': topic('C', []) })).code).to.equal(
        'SCHEMA_TOPIC_MISMATCH',
      );
      expect((await loadError({ 'order/v2/order.created.avsc': topic('C', []) })).code).to.equal(
        'SCHEMA_TOPIC_MISMATCH',
      );
      expect((await loadError({ 'order/order created.avsc': topic('C', []) })).code).to.equal(
        'SCHEMA_TOPIC_MISMATCH',
      );
    });

    it('names the file and place of an unknown type reference', async () => {
      const error = await loadError({
        'common/Money.avsc': money,
        'order/order.paid.avsc': topic('Paid', [
          { name: 'ok', type: 'io.test.common.Money' },
          { name: 'bad', type: { type: 'array', items: 'io.test.common.Mony' } },
        ]),
      });
      expect(error.code).to.equal('SCHEMA_UNKNOWN_TYPE');
      expect(error.file).to.equal('order/order.paid.avsc');
      expect(error.message).to.include('"io.test.common.Mony"').and.include('fields[1].type.items');
    });

    it('blames the shared file that holds the bad reference', async () => {
      const error = await loadError({
        'common/Line.avsc': JSON.stringify({
          type: 'record',
          name: 'Line',
          namespace: 'io.test.common',
          fields: [{ name: 'price', type: 'Nope' }],
        }),
        'order/order.placed.avsc': topic('Placed', [{ name: 'line', type: 'io.test.common.Line' }]),
      });
      expect(error.code).to.equal('SCHEMA_UNKNOWN_TYPE');
      expect(error.file).to.equal('common/Line.avsc');
      expect(error.message).to.include('io.test.common.Nope');
    });

    it('refuses a type defined in another topic’s file, pointing to common/', async () => {
      const error = await loadError({
        'order/order.cancel.avsc': topic('Cancel', [
          { name: 'r', type: { type: 'enum', name: 'Reason', symbols: ['A'] } },
        ]),
        'order/order.failed.avsc': topic('Failed', [{ name: 'r', type: 'io.test.order.Reason' }]),
      });
      expect(error.code).to.equal('SCHEMA_UNKNOWN_TYPE');
      expect(error.file).to.equal('order/order.failed.avsc');
      expect(error.message).to.include('order/order.cancel.avsc').and.include('common/Reason.avsc');
    });

    it('refuses a type defined twice', async () => {
      const error = await loadError({
        'common/Money.avsc': money,
        'order/order.paid.avsc': topic('Paid', [
          { name: 'm', type: { type: 'record', name: 'Money', namespace: 'io.test.common', fields: [] } },
        ]),
      });
      expect(error.code).to.equal('SCHEMA_DUPLICATE_TYPE');
      expect(error.file).to.equal('order/order.paid.avsc');
      expect(error.message).to.include('common/Money.avsc');
    });

    it('refuses a named type without a namespace', async () => {
      const error = await loadError({
        'order/order.x.avsc': JSON.stringify({ type: 'record', name: 'X', fields: [] }),
      });
      expect(error.code).to.equal('SCHEMA_NO_NAMESPACE');
    });

    it('refuses a topic whose top level is not a record', async () => {
      const error = await loadError({
        'order/order.x.avsc': JSON.stringify({
          type: 'enum',
          name: 'X',
          namespace: 'io.test',
          symbols: ['A'],
        }),
      });
      expect(error.code).to.equal('SCHEMA_ROOT_NOT_RECORD');
      expect((await loadError({ 'order/order.y.avsc': '["null", "string"]' })).code).to.equal(
        'SCHEMA_ROOT_NOT_RECORD',
      );
    });

    it('refuses a shared types file not named after its type', async () => {
      const error = await loadError({ 'common/Cash.avsc': money });
      expect(error.code).to.equal('SCHEMA_TYPE_FILE_MISMATCH');
      expect(error.message).to.include('"Cash"').and.include('"Money"');
    });

    it('reports what avsc rejects, in a topic or in a shared type no topic uses yet', async () => {
      const badDefault = topic('X', [{ name: 'n', type: 'int', default: 'one' }]);
      const error = await loadError({ 'order/order.x.avsc': badDefault });
      expect(error.code).to.equal('SCHEMA_AVRO_INVALID');
      expect(error.message).to.match(/^order\/order\.x\.avsc: avsc rejects it: .*incompatible field default/);

      const unused = JSON.stringify({
        type: 'enum',
        name: 'Kind',
        namespace: 'io.test.common',
        symbols: ['A'],
        default: 'B',
      });
      const sharedError = await loadError({ 'common/Kind.avsc': unused });
      expect(sharedError.code).to.equal('SCHEMA_AVRO_INVALID');
      expect(sharedError.file).to.equal('common/Kind.avsc');
    });

    it('names a file the source cannot read', async () => {
      const error = await loadError({
        list: () => Promise.resolve(['order/order.x.avsc']),
        read: () => Promise.reject(new Error('disk on fire')),
      });
      expect(error.code).to.equal('SCHEMA_READ_FAILED');
      expect(error.message).to.include('disk on fire');
    });
  });
});
