import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { repoRoot } from '@saga/config';

/** Folders that hold no source of the platform's own. */
const SKIPPED = new Set(['node_modules', '.git', '.stack', 'dist', 'results']);

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const outsideEvents = [...files(repoRoot)]
  .map((path) => relative(repoRoot, path))
  .filter((path) => !path.startsWith(join('packages', 'events')));

/**
 * One Kafka seam: kafkajs is @saga/events's dependency and nobody else's, so changing the client
 * means changing that package alone (docs/architecture.md, "The Kafka client"). The lint rule
 * (no-restricted-imports in eslint.config.js) stops a new import as it is written; this stops a
 * dependency, and an import the lint run does not see.
 */
describe('one Kafka seam', () => {
  it('no source outside @saga/events imports or requires kafkajs', () => {
    const importing = outsideEvents
      .filter((path) => /\.(ts|js|mjs|cjs)$/.test(path))
      .filter((path) =>
        /(from\s+|import\s*\(\s*|require\s*\(\s*)['"]kafkajs['"]/.test(
          readFileSync(join(repoRoot, path), 'utf8'),
        ),
      );
    expect(importing).to.deep.equal([]);
  });

  it('no workspace but @saga/events depends on kafkajs', () => {
    const depending = outsideEvents
      .filter((path) => path.endsWith('package.json'))
      .filter((path) => {
        const manifest = JSON.parse(readFileSync(join(repoRoot, path), 'utf8')) as Record<
          string,
          Record<string, string> | undefined
        >;
        return ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].some(
          (field) => manifest[field]?.kafkajs !== undefined,
        );
      });
    expect(depending).to.deep.equal([]);
  });
});
