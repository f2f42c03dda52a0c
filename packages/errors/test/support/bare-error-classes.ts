import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository this package sits in. */
export const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where the platform's runtime source is: `*` stands for every folder there. */
export const scannedFolders = ['packages/*/src', 'services/*/src', 'stack/src', 'codegen/src', 'chaos/src'];

/** The one place an error class may extend a built-in error: PlatformError's own. */
export const exemptFolder = 'packages/errors/src';

/** A class that extends a built-in error instead of PlatformError, by path from the root and line. */
export interface BareErrorClass {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** `extends Error`, and the other built-in errors (`extends TypeError`), which would bypass the base as much. */
const extendsBuiltInError =
  /\bextends\s+(?:globalThis\.)?(?:Aggregate|Eval|Range|Reference|Syntax|Type|URI)?Error\b/;

/** Every line of the scanned source, outside the exempt folder, that declares a class extending a built-in error. */
export function bareErrorClasses(root: string = repositoryRoot): BareErrorClass[] {
  const found: BareErrorClass[] = [];
  for (const file of sourceFiles(root)) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    lines.forEach((text, index) => {
      if (extendsBuiltInError.test(text)) found.push({ file, line: index + 1, text: text.trim() });
    });
  }
  return found;
}

/** The `.ts` and `.js` files of every scanned folder that exists, outside the exempt one, by path from the root. */
export function sourceFiles(root: string = repositoryRoot): string[] {
  const files: string[] = [];
  for (const folder of scannedFolders.flatMap((pattern) => expand(root, pattern))) {
    if (folder === exemptFolder) continue;
    let names: string[];
    try {
      names = readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' });
    } catch {
      continue; // a package without src (bin scripts only)
    }
    for (const name of names.filter((n) => /\.[cm]?[jt]s$/.test(n)).sort())
      files.push(
        relative(root, join(root, folder, name))
          .split(sep)
          .join('/'),
      );
  }
  return files;
}

/** `packages/*\/src` → `packages/config/src`, `packages/events/src`, …; a pattern without `*` as it is. */
function expand(root: string, pattern: string): string[] {
  const [parent, rest] = pattern.split('/*/');
  if (rest === undefined || parent === undefined) return [pattern];
  return readdirSync(join(root, parent), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules')
    .map((entry) => `${parent}/${entry.name}/${rest}`)
    .sort();
}
