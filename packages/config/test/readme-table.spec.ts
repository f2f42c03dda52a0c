import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { repoRoot, variables } from '../src/index.ts';

describe('docs/configuration.md: the configuration table', () => {
  const page = readFileSync(join(repoRoot, 'docs', 'configuration.md'), 'utf8');
  const rows = new Map(
    [...page.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*`?([^|`]*?)`?\s*\|/gm)].map(
      (m) => [m[1], m[2]?.trim()] as const,
    ),
  );

  it('lists every variable the configuration reads, with its default', () => {
    for (const [name, variable] of Object.entries(variables)) {
      expect(rows.has(name), `docs/configuration.md lacks a row for ${name}`).to.equal(true);
      // An empty default (unset) shows as a dash.
      expect(rows.get(name), `docs/configuration.md's default for ${name}`).to.equal(variable.default || '–');
    }
  });
});
