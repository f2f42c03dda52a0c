import { expect } from 'chai';
import { compareSchemas, compatibilityModes, type CompatibilityMode } from '../../src/index.ts';
import { enumOf, field, record } from '../fixtures.ts';

/** The modes under which changing `previous` into `next` is compatible. */
function passingModes(next: unknown, previous: unknown): CompatibilityMode[] {
  return compatibilityModes.filter((mode) =>
    compareSchemas(next, previous, mode).every((check) => check.violations.length === 0),
  );
}

const order = (...fields: object[]) => record('OrderCreated', [field('orderId', 'string'), ...fields]);

describe('compareSchemas', () => {
  it('checks only the directions the mode asks for', () => {
    const directions = (mode: CompatibilityMode) =>
      compareSchemas(order(), order(), mode).map((c) => c.direction);
    expect(directions('NONE')).to.deep.equal([]);
    expect(directions('BACKWARD')).to.deep.equal(['backward']);
    expect(directions('FORWARD_TRANSITIVE')).to.deep.equal(['forward']);
    expect(directions('FULL')).to.deep.equal(['backward', 'forward']);
  });

  describe('breaking changes fail where the mode forbids them', () => {
    it('a field removed that had no default breaks FORWARD and FULL, not BACKWARD', () => {
      expect(passingModes(order(), order(field('note', 'string')))).to.deep.equal([
        'NONE',
        'BACKWARD',
        'BACKWARD_TRANSITIVE',
      ]);
      const [forward] = compareSchemas(order(), order(field('note', 'string')), 'FORWARD');
      expect(forward?.violations[0]).to.include({ code: 'FIELD_MISSING_DEFAULT', path: 'OrderCreated.note' });
    });

    it('a field added without a default breaks BACKWARD and FULL, not FORWARD', () => {
      expect(passingModes(order(field('note', 'string')), order())).to.deep.equal([
        'NONE',
        'FORWARD',
        'FORWARD_TRANSITIVE',
      ]);
      const [backward] = compareSchemas(order(field('note', 'string')), order(), 'BACKWARD');
      expect(backward?.violations[0]?.fix).to.contain('add a default to field "note"');
    });

    it('a type changed from string to int breaks every mode but NONE', () => {
      expect(passingModes(order(field('qty', 'int')), order(field('qty', 'string')))).to.deep.equal(['NONE']);
    });

    it('a type narrowed from long to int breaks BACKWARD and FULL, not FORWARD', () => {
      expect(passingModes(order(field('qty', 'int')), order(field('qty', 'long')))).to.deep.equal([
        'NONE',
        'FORWARD',
        'FORWARD_TRANSITIVE',
      ]);
    });

    it('a type widened from int to long breaks FORWARD and FULL, not BACKWARD', () => {
      expect(passingModes(order(field('qty', 'long')), order(field('qty', 'int')))).to.deep.equal([
        'NONE',
        'BACKWARD',
        'BACKWARD_TRANSITIVE',
      ]);
    });

    it('an enum symbol added without an enum default breaks FORWARD and FULL', () => {
      const status = (...symbols: string[]) => order(field('status', enumOf('Status', symbols)));
      expect(passingModes(status('NEW', 'PAID', 'SHIPPED'), status('NEW', 'PAID'))).to.deep.equal([
        'NONE',
        'BACKWARD',
        'BACKWARD_TRANSITIVE',
      ]);
    });
  });

  describe('safe changes pass every mode', () => {
    it('an optional field added with a default', () => {
      const next = order(field('note', ['null', 'string'], { default: null }));
      expect(passingModes(next, order())).to.deep.equal([...compatibilityModes]);
    });

    it('an optional field with a default removed', () => {
      const previous = order(field('note', ['null', 'string'], { default: null }));
      expect(passingModes(order(), previous)).to.deep.equal([...compatibilityModes]);
    });

    it('an enum symbol added when the old enum already had a default', () => {
      const status = (...symbols: string[]) =>
        order(field('status', enumOf('Status', symbols, { default: 'UNKNOWN' })));
      expect(passingModes(status('UNKNOWN', 'NEW', 'SHIPPED'), status('UNKNOWN', 'NEW'))).to.deep.equal([
        ...compatibilityModes,
      ]);
    });

    it('string changed to bytes, which promote both ways', () => {
      expect(passingModes(order(field('blob', 'bytes')), order(field('blob', 'string')))).to.deep.equal([
        ...compatibilityModes,
      ]);
    });

    it('docs changed, and fields reordered', () => {
      const previous = record('OrderCreated', [field('a', 'int'), field('b', 'string')]);
      const next = record('OrderCreated', [
        field('b', 'string', { doc: 'Now documented.' }),
        field('a', 'int'),
      ]);
      expect(passingModes(next, previous)).to.deep.equal([...compatibilityModes]);
    });
  });
});
