import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { repoRoot } from '@saga/config';
import {
  CompatibilityConfigError,
  modeFor,
  parseCompatibilityConfig,
  readCompatibilityConfig,
} from '../src/index.ts';

function rejection(json: unknown, subjects: string[] = []): CompatibilityConfigError {
  try {
    parseCompatibilityConfig(json, subjects);
  } catch (error) {
    if (error instanceof CompatibilityConfigError) return error;
    throw error;
  }
  throw new Error('expected a CompatibilityConfigError');
}

describe('compatibility config', () => {
  it('gives a subject its override, and every other subject the default', () => {
    const config = parseCompatibilityConfig(
      { default: 'FULL_TRANSITIVE', subjects: { 'a-value': 'BACKWARD' } },
      ['a-value', 'b-value'],
    );
    expect(modeFor(config, 'a-value')).to.equal('BACKWARD');
    expect(modeFor(config, 'b-value')).to.equal('FULL_TRANSITIVE');
  });

  it('allows a "$comment" that explains the choices', () => {
    expect(parseCompatibilityConfig({ $comment: 'why', default: 'FULL', subjects: {} }, []).default).to.equal(
      'FULL',
    );
  });

  it('rejects an unknown mode, naming the known ones', () => {
    const error = rejection({ default: 'STRICT', subjects: {} });
    expect(error.code).to.equal('COMPATIBILITY_CONFIG_INVALID');
    expect(error.message).to.contain('"default" is "STRICT", expected one of NONE, BACKWARD');
  });

  it('rejects an override for a subject that has no schema', () => {
    const error = rejection({ default: 'FULL', subjects: { 'order.creatd-value': 'FULL' } }, [
      'order.created-value',
    ]);
    expect(error.problems).to.deep.equal([
      'subject "order.creatd-value" has no schema (subjects are "<topic>-value" for schemas/<domain>/<topic>.avsc)',
    ]);
  });

  it('lists every problem at once', () => {
    const error = rejection({ default: 'FULL', subjects: { 'x-value': 'SIDEWAYS' }, extra: 1 }, ['x-value']);
    expect(error.problems).to.have.length(2);
    expect(error.message).to.contain('unknown key "extra"').and.contain('"subjects"."x-value" is "SIDEWAYS"');
  });

  it('rejects a file that is not an object with subjects', () => {
    expect(rejection([]).problems[0]).to.contain('expected a JSON object');
    expect(rejection({ default: 'FULL' }).problems[0]).to.contain('"subjects" must be an object');
  });

  describe('readCompatibilityConfig', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'compat-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('names the file when it is not JSON', async () => {
      const file = join(dir, 'compatibility.json');
      await writeFile(file, '{ default: FULL }');
      const error = await readCompatibilityConfig(file, []).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(CompatibilityConfigError);
      expect((error as Error).message)
        .to.contain(file)
        .and.contain('not valid JSON');
    });

    it('names the file when it is missing', async () => {
      const error = await readCompatibilityConfig(join(dir, 'nope.json'), []).catch((e: unknown) => e);
      expect((error as Error).message)
        .to.contain('nope.json')
        .and.contain('cannot read it');
    });
  });

  it("the repository's own file is valid and defaults to FULL_TRANSITIVE", async () => {
    const json = JSON.parse(await readFile(join(repoRoot, 'schemas/compatibility.json'), 'utf8')) as {
      subjects: Record<string, string>;
    };
    expect(parseCompatibilityConfig(json, Object.keys(json.subjects)).default).to.equal('FULL_TRANSITIVE');
  });
});
