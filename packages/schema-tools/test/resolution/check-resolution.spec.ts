import avro from 'avsc';
import { expect } from 'chai';
import { checkResolution, parseAvroType, type Direction, type Violation } from '../../src/index.ts';
import { enumOf, field, record } from '../fixtures.ts';

/** Violations when `reader` reads data written with `writer`. */
function resolve(reader: unknown, writer: unknown, direction: Direction = 'backward'): Violation[] {
  return checkResolution(parseAvroType(reader), parseAvroType(writer), direction);
}

/** What avsc, an independent implementation of the same spec, says. */
function avscCanResolve(reader: unknown, writer: unknown): boolean {
  try {
    avro.Type.forSchema(reader as avro.Schema).createResolver(avro.Type.forSchema(writer as avro.Schema));
    return true;
  } catch {
    return false;
  }
}

const person = (...fields: object[]) => record('Person', [field('name', 'string'), ...fields]);

describe('checkResolution', () => {
  describe('records', () => {
    it('lets the reader skip a field that only the writer has', () => {
      expect(resolve(person(), person(field('age', 'int')))).to.deep.equal([]);
    });

    it('fills a field the writer lacks from the reader default', () => {
      expect(resolve(person(field('age', 'int', { default: 0 })), person())).to.deep.equal([]);
    });

    it('rejects a field the writer lacks when the reader has no default, with its path and a fix', () => {
      const [violation, ...rest] = resolve(person(field('age', 'int')), person());
      expect(rest).to.be.empty;
      expect(violation).to.include({ code: 'FIELD_MISSING_DEFAULT', path: 'Person.age' });
      expect(violation?.message).to.contain('added without a default');
      expect(violation?.fix).to.contain('add a default to field "age"');
    });

    it('words a missing field as a removal when the old schema reads (forward)', () => {
      const [violation] = resolve(person(field('age', 'int')), person(), 'forward');
      expect(violation?.message).to.contain('was removed');
      expect(violation?.fix).to.contain(
        'keep the removed field with a default, or add a default in the old schema first',
      );
    });

    it('matches a renamed field through the reader field aliases', () => {
      const writer = person(field('age', 'int'));
      const reader = person(field('years', 'int', { aliases: ['age'] }));
      expect(resolve(reader, writer)).to.deep.equal([]);
    });

    it('ignores field order', () => {
      const writer = record('R', [field('a', 'int'), field('b', 'string')]);
      const reader = record('R', [field('b', 'string'), field('a', 'int')]);
      expect(resolve(reader, writer)).to.deep.equal([]);
    });

    it('reports every violation, not only the first', () => {
      const reader = person(field('a', 'int'), field('b', 'int'));
      expect(resolve(reader, person()).map((v) => v.path)).to.deep.equal(['Person.a', 'Person.b']);
    });
  });

  describe('primitives and promotions', () => {
    const cases: [writer: string, reader: string, readable: boolean][] = [
      ['int', 'long', true],
      ['int', 'float', true],
      ['int', 'double', true],
      ['long', 'float', true],
      ['long', 'double', true],
      ['float', 'double', true],
      ['string', 'bytes', true],
      ['bytes', 'string', true],
      ['long', 'int', false],
      ['double', 'float', false],
      ['float', 'long', false],
      ['string', 'int', false],
      ['int', 'string', false],
      ['boolean', 'int', false],
      ['null', 'string', false],
    ];
    for (const [writer, reader, readable] of cases) {
      it(`${readable ? 'reads' : 'cannot read'} ${writer} as ${reader}`, () => {
        const violations = resolve(record('R', [field('x', reader)]), record('R', [field('x', writer)]));
        if (readable) expect(violations).to.deep.equal([]);
        else expect(violations.map((v) => [v.code, v.path])).to.deep.equal([['TYPE_MISMATCH', 'R.x']]);
      });
    }

    it('names the old and new type and suggests a promotable type', () => {
      const [violation] = resolve(record('R', [field('x', 'int')]), record('R', [field('x', 'long')]));
      expect(violation?.message).to.contain('type changed from long to int');
      expect(violation?.fix).to.contain('use a promotable type');
    });

    it('treats a logical type as its underlying type', () => {
      const millis = { type: 'long', logicalType: 'timestamp-millis' };
      const decimal = { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 };
      const uuid = { type: 'string', logicalType: 'uuid' };
      expect(resolve(record('R', [field('t', millis)]), record('R', [field('t', 'long')]))).to.deep.equal([]);
      expect(resolve(record('R', [field('t', 'long')]), record('R', [field('t', millis)]))).to.deep.equal([]);
      expect(resolve(record('R', [field('d', 'bytes')]), record('R', [field('d', decimal)]))).to.deep.equal(
        [],
      );
      expect(resolve(record('R', [field('u', uuid)]), record('R', [field('u', 'string')]))).to.deep.equal([]);
      expect(resolve(record('R', [field('t', 'int')]), record('R', [field('t', millis)]))[0]?.code).to.equal(
        'TYPE_MISMATCH',
      );
    });
  });

  describe('enums', () => {
    const status = (symbols: string[], extra: object = {}) =>
      record('R', [field('status', enumOf('Status', symbols, extra))]);

    it('reads a writer enum whose symbols the reader all has', () => {
      expect(resolve(status(['A', 'B', 'C']), status(['A', 'B']))).to.deep.equal([]);
    });

    it('rejects writer symbols the reader lacks when the reader enum has no default', () => {
      const [violation] = resolve(status(['A', 'B']), status(['A', 'B', 'C']), 'forward');
      expect(violation).to.include({ code: 'ENUM_SYMBOL_MISSING', path: 'R.status' });
      expect(violation?.message).to.contain('gained symbol C');
      expect(violation?.fix).to.contain('add a "default" symbol to enum Status in the old schema first');
    });

    it('reads unknown symbols as the reader enum default', () => {
      expect(resolve(status(['A', 'B'], { default: 'A' }), status(['A', 'B', 'C']))).to.deep.equal([]);
    });

    it('words missing symbols as removed when the new schema reads (backward)', () => {
      const [violation] = resolve(status(['A']), status(['A', 'B', 'C']), 'backward');
      expect(violation?.message).to.contain('no longer has symbols B, C');
      expect(violation?.fix).to.contain('keep the symbols B, C');
    });
  });

  describe('unions', () => {
    const optional = (type: unknown) => record('R', [field('x', ['null', type], { default: null })]);

    it('reads a plain value into a union that has its type', () => {
      expect(resolve(optional('string'), record('R', [field('x', 'string')]))).to.deep.equal([]);
    });

    it('reads a plain value into a union branch it promotes to', () => {
      expect(resolve(optional('long'), record('R', [field('x', 'int')]))).to.deep.equal([]);
    });

    it('rejects a plain value no union branch can read', () => {
      const [violation] = resolve(optional('string'), record('R', [field('x', 'int')]));
      expect(violation).to.include({ code: 'TYPE_MISMATCH', path: 'R.x' });
    });

    it('needs every writer branch readable when the reader is not a union', () => {
      const [violation, ...rest] = resolve(record('R', [field('x', 'string')]), optional('string'));
      expect(rest).to.be.empty;
      expect(violation).to.include({ code: 'UNION_BRANCH_MISSING', path: 'R.x' });
      expect(violation?.message).to.contain('cannot read null values');
    });

    it('needs every writer branch matched by some reader branch', () => {
      const writer = record('R', [field('x', ['null', 'string', 'int'])]);
      const reader = record('R', [field('x', ['null', 'string'])]);
      const violations = resolve(reader, writer, 'forward');
      expect(violations.map((v) => [v.code, v.path])).to.deep.equal([['UNION_BRANCH_MISSING', 'R.x']]);
      expect(violations[0]?.message).to.contain('cannot read int values');
    });

    it('accepts reordered union branches', () => {
      const writer = record('R', [field('x', ['string', 'null'])]);
      const reader = record('R', [field('x', ['null', 'string'])]);
      expect(resolve(reader, writer)).to.deep.equal([]);
    });

    it('follows a record branch of a union into its fields', () => {
      const address = (...fields: object[]) => record('Address', [field('street', 'string'), ...fields]);
      const writer = record('R', [field('home', ['null', address()], { default: null })]);
      const reader = record('R', [
        field('home', ['null', address(field('zip', 'string'))], { default: null }),
      ]);
      expect(resolve(reader, writer).map((v) => v.path)).to.deep.equal(['R.home.zip']);
    });
  });

  describe('named types', () => {
    it('matches records by unqualified name, whatever the namespace', () => {
      const writer = { ...person(), namespace: 'old.space' };
      expect(resolve(person(), writer)).to.deep.equal([]);
    });

    it('rejects a renamed record unless the reader lists the old name as an alias', () => {
      const writer = record('Customer', [field('name', 'string')]);
      const [violation] = resolve(person(), writer);
      expect(violation).to.include({ code: 'NAME_MISMATCH', path: 'Person' });
      expect(violation?.fix).to.contain('add "io.saga.test.Customer" to the "aliases" of Person');
      expect(resolve(person(), writer).length).to.equal(1);
      expect(resolve({ ...person(), aliases: ['Customer'] }, writer)).to.deep.equal([]);
    });

    it('rejects a fixed of another size', () => {
      const hash = (size: number) => record('R', [field('h', { type: 'fixed', name: 'Hash', size })]);
      const [violation] = resolve(hash(32), hash(16));
      expect(violation).to.include({ code: 'FIXED_SIZE_MISMATCH', path: 'R.h' });
      expect(violation?.message).to.contain('from 16 to 32');
      expect(resolve(hash(16), hash(16))).to.deep.equal([]);
    });

    it('resolves a named type referenced by name a second time', () => {
      const money = record('Money', [field('cents', 'long')]);
      const schema = (...extra: object[]) =>
        record('Invoice', [field('net', money), field('gross', 'io.saga.test.Money'), ...extra]);
      expect(resolve(schema(), schema())).to.deep.equal([]);
      const changed = record('Invoice', [
        field('net', record('Money', [field('cents', 'int')])),
        field('gross', 'Money'),
      ]);
      expect(resolve(changed, schema()).map((v) => v.path)).to.deep.equal([
        'Invoice.net.cents',
        'Invoice.gross.cents',
      ]);
    });

    it('terminates on recursive records and still finds problems inside them', () => {
      const node = (...extra: object[]) =>
        record('Node', [field('value', 'int'), field('next', ['null', 'Node'], { default: null }), ...extra]);
      expect(resolve(node(), node())).to.deep.equal([]);
      expect(resolve(node(field('label', 'string')), node()).map((v) => v.path)).to.deep.equal([
        'Node.label',
      ]);
    });
  });

  describe('paths into containers', () => {
    it('marks array items with [] and map values with {}', () => {
      const item = (quantity: string) => record('OrderItem', [field('quantity', quantity)]);
      const order = (quantity: string) =>
        record('OrderCreated', [
          field('items', { type: 'array', items: item(quantity) }),
          field('totals', { type: 'map', values: { type: 'array', items: quantity } }),
        ]);
      expect(resolve(order('int'), order('long')).map((v) => v.path)).to.deep.equal([
        'OrderCreated.items[].quantity',
        'OrderCreated.totals{}[]',
      ]);
    });

    it('walks nested records field by field', () => {
      const order = (...addressFields: object[]) =>
        record('Order', [
          field('customer', record('Customer', [field('address', record('Address', addressFields))])),
        ]);
      const violations = resolve(
        order(field('street', 'string'), field('city', 'string')),
        order(field('street', 'string')),
      );
      expect(violations.map((v) => v.path)).to.deep.equal(['Order.customer.address.city']);
    });

    it('rejects an array read as a map', () => {
      const [violation] = resolve(
        record('R', [field('x', { type: 'map', values: 'int' })]),
        record('R', [field('x', { type: 'array', items: 'int' })]),
      );
      expect(violation).to.include({ code: 'TYPE_MISMATCH', path: 'R.x' });
      expect(violation?.message).to.contain('from array<int> to map<int>');
    });
  });

  describe('agrees with avsc on whether resolution is possible', () => {
    const cases: [name: string, reader: object, writer: object][] = [
      ['same schema', person(), person()],
      ['field added with default', person(field('a', 'int', { default: 1 })), person()],
      ['field added without default', person(field('a', 'int')), person()],
      ['field removed', person(), person(field('a', 'int'))],
      ['int read as long', record('R', [field('x', 'long')]), record('R', [field('x', 'int')])],
      ['long read as int', record('R', [field('x', 'int')]), record('R', [field('x', 'long')])],
      ['string read as bytes', record('R', [field('x', 'bytes')]), record('R', [field('x', 'string')])],
      [
        'enum missing symbol',
        record('R', [field('e', enumOf('E', ['A']))]),
        record('R', [field('e', enumOf('E', ['A', 'B']))]),
      ],
      [
        'enum missing symbol with default',
        record('R', [field('e', enumOf('E', ['A'], { default: 'A' }))]),
        record('R', [field('e', enumOf('E', ['A', 'B']))]),
      ],
      [
        'optional made required',
        record('R', [field('x', 'string')]),
        record('R', [field('x', ['null', 'string'], { default: null })]),
      ],
      [
        'required made optional',
        record('R', [field('x', ['null', 'string'], { default: null })]),
        record('R', [field('x', 'string')]),
      ],
      [
        'union branch removed',
        record('R', [field('x', ['null', 'string'])]),
        record('R', [field('x', ['null', 'string', 'int'])]),
      ],
      [
        'nested array item changed',
        record('R', [field('xs', { type: 'array', items: record('I', [field('q', 'int')]) })]),
        record('R', [field('xs', { type: 'array', items: record('I', [field('q', 'long')]) })]),
      ],
      [
        'fixed size changed',
        record('R', [field('h', { type: 'fixed', name: 'H', size: 4 })]),
        record('R', [field('h', { type: 'fixed', name: 'H', size: 8 })]),
      ],
      ['record renamed', record('Other', [field('name', 'string')]), person()],
      [
        'record renamed with alias',
        record('Other', [field('name', 'string')], { aliases: ['Person'] }),
        person(),
      ],
    ];
    for (const [name, reader, writer] of cases) {
      it(name, () => {
        expect(resolve(reader, writer).length === 0).to.equal(avscCanResolve(reader, writer));
      });
    }
  });
});
