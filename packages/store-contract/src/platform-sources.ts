import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceFile } from './find-store-usages.ts';

/** The repository this package sits in. */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** This package: it names the forbidden operations (to probe them), so it is not platform source. */
const ownPackage = 'packages/store-contract';

/**
 * The platform's runtime source: every `.ts` file under `packages/<name>/src` and
 * `services/<name>/src` (not tests, not this package), by path from the repository root.
 */
export function platformSources(root: string = repositoryRoot): SourceFile[] {
  const files: SourceFile[] = [];
  for (const group of ['packages', 'services']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      if (!entry.isDirectory() || `${group}/${entry.name}` === ownPackage) continue;
      const src = join(root, group, entry.name, 'src');
      let names: string[];
      try {
        names = readdirSync(src, { recursive: true, encoding: 'utf8' });
      } catch {
        continue; // a package without src (bin scripts only)
      }
      for (const name of names.filter((n) => n.endsWith('.ts')).sort()) {
        const path = join(src, name);
        files.push({ path: relative(root, path).split(sep).join('/'), text: readFileSync(path, 'utf8') });
      }
    }
  }
  return files;
}
