import { parseAvro } from '@saga/avro';
import { Topics, topicSchemas, type TopicName } from '@saga/contracts';
import { expect } from 'chai';
import { fixtureValues } from './support/fixture-values.ts';
import { loadFixtures } from './support/fixtures.ts';
import { plainValue } from './support/plain-value.ts';
import { topicSamples } from '@saga/contracts/testing';

/** Encodes with avsc and the platform options, decodes, and expects the same value back. */
function expectRoundTrip(schema: string | object, value: unknown): void {
  const type = parseAvro(schema);
  const errors: string[] = [];
  type.isValid(value, { errorHook: (path) => errors.push(path.join('.')) });
  expect(errors, 'fields avsc rejects').to.deep.equal([]);
  expect(plainValue(type.fromBuffer(type.toBuffer(value)))).to.deep.equal(value);
}

describe('round trip', () => {
  describe('every topic in schemas/', () => {
    it('has a sample', () => {
      expect(Object.keys(topicSamples).sort()).to.deep.equal(Object.values(Topics).sort());
    });

    for (const topic of Object.values(Topics) as TopicName[]) {
      it(`${topic}: a value of its generated type survives encode and decode`, () => {
        expectRoundTrip(topicSchemas[topic], topicSamples[topic]);
      });
    }

    it('decodes timestamps as Dates, not numbers', () => {
      const type = parseAvro(topicSchemas['order.created']);
      const decoded = type.fromBuffer(type.toBuffer(topicSamples['order.created'])) as { createdAt: unknown };
      expect(decoded.createdAt).to.be.instanceOf(Date);
    });
  });

  describe('every fixture', () => {
    it('has values', async () => {
      const names = (await loadFixtures()).map((f) => f.file.slice(0, -'.avsc'.length));
      expect(Object.keys(fixtureValues).sort()).to.deep.equal(names.sort());
    });

    for (const [name, values] of Object.entries(fixtureValues)) {
      it(`${name}: values of its generated types survive encode and decode`, async () => {
        const fixture = (await loadFixtures()).find((f) => f.file === `${name}.avsc`);
        for (const value of values) expectRoundTrip(fixture!.schema, value);
      });
    }

    it('MultiBranchUnion: avsc refuses the bare value where the generated type says wrapped', async () => {
      const fixture = (await loadFixtures()).find((f) => f.file === 'MultiBranchUnion.avsc');
      const type = parseAvro(fixture!.schema);
      const valid = { method: null, amount: { int: 1 }, value: null, shape: { map: {} } };
      expect(type.isValid(valid)).to.equal(true);
      expect(type.isValid({ ...valid, amount: 1 })).to.equal(false);
      expect(type.isValid({ ...valid, method: { last4: '4242' } })).to.equal(false);
      expect(type.isValid({ ...valid, amount: { int: 1, long: 1 } })).to.equal(false);
    });
  });
});
