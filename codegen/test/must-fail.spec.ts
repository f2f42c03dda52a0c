import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { typeErrors } from './support/compile.ts';
import { fixturesDir } from './support/fixtures.ts';

const file = join(fixturesDir, 'InvalidValues.must-fail.ts');

describe('must-fail type test', function () {
  this.timeout(60_000);

  it('reports a type error on every invalid value in fixtures/InvalidValues.must-fail.ts, and nowhere else', async () => {
    const lines = (await readFile(file, 'utf8')).split('\n');
    // The line after each marker holds the invalid statement (1-based line numbers).
    const marked = lines.flatMap((line, i) => (line.trimStart().startsWith('// must-fail:') ? [i + 2] : []));
    expect(marked).to.have.length.greaterThan(5);

    const errors = typeErrors([file]);
    const failedLines = new Set(errors.filter((e) => e.file === file).map((e) => e.line));
    const unexpected = errors.filter((e) => e.file !== file || !marked.includes(e.line));
    expect(unexpected, 'errors outside the marked statements').to.deep.equal([]);
    const compiled = marked
      .filter((line) => !failedLines.has(line))
      .map((line) => `${line}: ${lines[line - 1]}`);
    expect(compiled, 'invalid statements that compiled').to.deep.equal([]);
  });
});
