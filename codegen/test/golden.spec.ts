import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { schemaModule } from '../src/index.ts';
import { loadPrettierOptions } from '../src/emit/print-module.ts';
import { prettierConfigFile } from '../src/generate/layout.ts';
import { fixtureName, fixturesDir, goldenHeader, loadFixtures } from './support/fixtures.ts';

// Set UPDATE_GOLDEN=1 to rewrite the snapshots after an intended change; review the diff before committing.
const update = process.env.UPDATE_GOLDEN === '1';

describe('golden fixtures', () => {
  it('has a snapshot for every fixture and a fixture for every snapshot', async () => {
    const files = await readdir(fixturesDir);
    const fixtures = files.filter((f) => f.endsWith('.avsc')).map(fixtureName);
    const snapshots = files
      .filter((f) => f.endsWith('.expected.ts'))
      .map((f) => f.slice(0, -'.expected.ts'.length));
    expect(snapshots.sort()).to.deep.equal(fixtures.sort());
    expect(fixtures).to.include.members([
      'Primitives',
      'RecordWithDoc',
      'NestedRecord',
      'EnumWithDefault',
      'Arrays',
      'Maps',
      'NullableUnionWithDefault',
      'MultiBranchUnion',
      'LogicalTypes',
      'NamedTypeReuse',
      'Fixed',
      'RecursiveRecord',
    ]);
  });

  for (const name of [
    'Primitives',
    'RecordWithDoc',
    'NestedRecord',
    'EnumWithDefault',
    'Arrays',
    'Maps',
    'NullableUnionWithDefault',
    'MultiBranchUnion',
    'LogicalTypes',
    'NamedTypeReuse',
    'Fixed',
    'RecursiveRecord',
  ]) {
    it(`generates ${name}.expected.ts from ${name}.avsc`, async () => {
      const fixture = (await loadFixtures()).find((f) => f.file === `${name}.avsc`);
      expect(fixture, `${name}.avsc`).to.not.equal(undefined);
      const generated = await schemaModule(
        fixture!.schema,
        goldenHeader(`${name}.avsc`),
        await loadPrettierOptions(prettierConfigFile),
      );
      const snapshot = join(fixturesDir, `${name}.expected.ts`);
      if (update) await writeFile(snapshot, generated);
      expect(generated).to.equal(await readFile(snapshot, 'utf8'));
    });
  }
});
