import { expect } from 'chai';
import {
  checkSchemas,
  createRegistryClient,
  parseCompatibilityConfig,
  registerSchemas,
  type CheckOptions,
  type CompatibilityConfig,
  type SubjectSchema,
} from '../../src/index.ts';
import { fakeRegistry, fakeRegistryUrl } from '../fake-registry.ts';
import { field, record, subjectSchema } from '../fixtures.ts';

const created = (...fields: object[]) =>
  subjectSchema('order.created', record('OrderCreated', [field('orderId', 'string'), ...fields]));
const shipped = subjectSchema('order.shipped', record('OrderShipped', [field('orderId', 'string')]));
const optionalNote = field('note', ['null', 'string'], { default: null });

function config(subjects: Record<string, string> = {}): CompatibilityConfig {
  return parseCompatibilityConfig({ default: 'FULL_TRANSITIVE', subjects }, Object.keys(subjects));
}

function offline(schemas: SubjectSchema[], baseline: SubjectSchema[], compatibility = config()) {
  return checkSchemas({ schemas, baseline: { label: 'HEAD (abc1234)', schemas: baseline }, compatibility });
}

describe('checkSchemas', () => {
  describe('against a baseline only (offline)', () => {
    it('passes a topic the baseline does not have as a new subject', async () => {
      const report = await offline([shipped], []);
      expect(report.passed).to.equal(true);
      expect(report.subjects[0]).to.deep.include({
        subject: 'order.shipped-value',
        baseline: { state: 'new' },
      });
    });

    it('says a schema is unchanged when only its formatting or key order differ', async () => {
      const reordered = subjectSchema('order.shipped', {
        fields: [{ type: 'string', name: 'orderId' }],
        namespace: 'io.saga.test',
        name: 'OrderShipped',
        type: 'record',
      });
      const report = await offline([reordered], [shipped]);
      expect(report.subjects[0]?.baseline).to.deep.equal({ state: 'unchanged' });
    });

    it('fails a breaking change, with the mode, the version compared and each violation', async () => {
      const report = await offline([created(field('note', 'string'))], [created()]);
      expect(report.passed).to.equal(false);
      const [subject] = report.subjects;
      expect(subject?.mode).to.equal('FULL_TRANSITIVE');
      expect(subject?.baseline).to.deep.equal({
        state: 'changed',
        comparisons: [
          {
            against: 'HEAD (abc1234)',
            direction: 'backward',
            violations: [
              {
                code: 'FIELD_MISSING_DEFAULT',
                path: 'OrderCreated.note',
                message:
                  'field "note" was added without a default, so the new schema cannot read data written without it',
                fix: 'add a default to field "note" (optional: type ["null", …] with "default": null); if it was renamed, list the old name in its "aliases"',
              },
            ],
          },
          { against: 'HEAD (abc1234)', direction: 'forward', violations: [] },
        ],
      });
    });

    it('passes a safe change', async () => {
      expect((await offline([created(optionalNote)], [created()])).passed).to.equal(true);
    });

    it('holds each subject to its own mode', async () => {
      const report = await offline(
        [created(field('note', 'string'))],
        [created()],
        config({ 'order.created-value': 'FORWARD' }),
      );
      expect(report.passed).to.equal(true);
      expect(report.subjects[0]?.mode).to.equal('FORWARD');
    });

    it('lists subjects that disappeared from the working tree', async () => {
      expect((await offline([created()], [created(), shipped])).removed).to.deep.equal([
        'order.shipped-value',
      ]);
    });
  });

  describe('with a registry', () => {
    let registry: ReturnType<typeof fakeRegistry>;
    const check = (schemas: SubjectSchema[], extra: Partial<CheckOptions> = {}) =>
      checkSchemas({
        schemas,
        baseline: { label: 'HEAD (abc1234)', schemas },
        compatibility: config(),
        registry: createRegistryClient({ url: fakeRegistryUrl, fetch: registry.fetch }),
        ...extra,
      });
    const registerAll = async (...versions: SubjectSchema[]) => {
      for (const version of versions) {
        await registerSchemas({
          registryUrl: fakeRegistryUrl,
          schemas: [version],
          compatibility: config(),
          fetch: registry.fetch,
        });
      }
    };

    beforeEach(() => {
      registry = fakeRegistry();
    });

    it('checks a transitive mode against every registered version, with paths', async () => {
      // v1 has no note; v2 adds an optional one; now "note" becomes required: v2 reads it, v1 data lacks it.
      await registerAll(created(), created(optionalNote));
      const report = await check([created(field('note', 'string'))]);
      const result = report.subjects[0]?.registry;
      expect(report.registry).to.deep.equal({ state: 'online', url: fakeRegistryUrl });
      expect(result?.state).to.equal('checked');
      if (result?.state !== 'checked') return;
      expect(result.versions).to.deep.equal([1, 2]);
      const failing = result.comparisons.filter((c) => c.violations.length > 0);
      expect(failing.map((c) => [c.against, c.direction, c.violations[0]?.path])).to.deep.equal([
        ['registry version 1', 'backward', 'OrderCreated.note'],
        ['registry version 2', 'backward', 'OrderCreated.note'],
      ]);
      expect(result.verdict).to.deep.equal({ compatible: false, level: 'FULL_TRANSITIVE', counted: true });
      expect(report.passed).to.equal(false);
    });

    it('marks registered versions identical to the baseline instead of comparing them twice', async () => {
      await registerAll(created(), created(optionalNote));
      const report = await checkSchemas({
        schemas: [created(field('note', 'string'))],
        baseline: { label: 'HEAD', schemas: [created(optionalNote)] },
        compatibility: config(),
        registry: createRegistryClient({ url: fakeRegistryUrl, fetch: registry.fetch }),
      });
      const result = report.subjects[0]?.registry;
      expect(result?.state === 'checked' && result.sameAsBaseline).to.deep.equal([2]);
      expect(result?.state === 'checked' && result.comparisons.map((c) => c.against)).to.deep.equal([
        'registry version 1',
        'registry version 1',
      ]);
    });

    it('checks a non-transitive mode against the latest version only', async () => {
      await registerAll(created(), created(optionalNote));
      const report = await check([created(optionalNote, field('extra', 'int', { default: 0 }))], {
        compatibility: config({ 'order.created-value': 'FULL' }),
      });
      const result = report.subjects[0]?.registry;
      expect(result?.state === 'checked' && result.versions).to.deep.equal([2]);
    });

    it('says when the exact schema is already registered', async () => {
      await registerAll(created());
      const report = await check([created()]);
      expect(report.subjects[0]?.registry).to.deep.equal({ state: 'registered', version: 1, id: 1 });
    });

    it('calls a subject the registry does not know new', async () => {
      const report = await check([shipped]);
      expect(report.subjects[0]?.registry).to.deep.equal({ state: 'new' });
    });

    it("does not count the registry's verdict under a level other than the configured mode", async () => {
      await registerAll(created());
      await createRegistryClient({ url: fakeRegistryUrl, fetch: registry.fetch }).setCompatibility(
        'order.created-value',
        'NONE',
      );
      const report = await check([created(field('n', 'int'))], {
        compatibility: config({ 'order.created-value': 'FORWARD' }),
      });
      const result = report.subjects[0]?.registry;
      expect(result?.state === 'checked' && result.verdict).to.deep.equal({
        compatible: true,
        level: 'NONE',
        counted: false,
      });
      expect(report.passed).to.equal(true);
    });

    it('goes on offline when the registry does not answer', async () => {
      const report = await check([created()], {
        registry: createRegistryClient({
          url: 'http://127.0.0.1:9/apis/ccompat/v7',
          fetch: () => Promise.reject(new TypeError('fetch failed')),
        }),
      });
      expect(report.registry.state).to.equal('unreachable');
      expect(report.subjects[0]?.registry).to.equal(undefined);
      expect(report.passed).to.equal(true);
    });
  });
});
