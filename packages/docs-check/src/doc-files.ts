import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The pages the check reads: README.md and every Markdown file under docs/, relative to the root. */
export function docFiles(root: string): string[] {
  const files = existsSync(join(root, 'README.md')) ? ['README.md'] : [];
  const docs = join(root, 'docs');
  if (existsSync(docs)) {
    const pages = readdirSync(docs, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => relative(root, join(entry.parentPath, entry.name)));
    files.push(...pages.sort());
  }
  return files;
}
