import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { repoRoot, variables } from '../src/index.ts';

describe('README configuration table', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const rows = new Map(
    [...readme.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*`?([^|`]*?)`?\s*\|/gm)].map(
      (m) => [m[1], m[2]?.trim()] as const,
    ),
  );

  it('lists every variable the configuration reads, with its default', () => {
    for (const [name, variable] of Object.entries(variables)) {
      expect(rows.has(name), `README lacks a row for ${name}`).to.equal(true);
      // An empty default (unset) shows as a dash.
      expect(rows.get(name), `README's default for ${name}`).to.equal(variable.default || '–');
    }
  });
});
