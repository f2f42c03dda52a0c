import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from './generated-file.ts';
import { layout } from './layout.ts';

/** A file on disk that does not match what codegen produces. */
export interface StaleFile {
  readonly path: string;
  readonly problem: 'changed' | 'missing' | 'not generated any more';
}

// Folders codegen owns whole; anything else in them is left over from an older generation.
const ownedDirs = [layout.contractsDir];

/** The files under `root` that differ from `files`, are missing, or are left over in an owned folder. */
export async function findStaleFiles(root: string, files: readonly GeneratedFile[]): Promise<StaleFile[]> {
  const stale: StaleFile[] = [];
  for (const file of files) {
    const current = await readFile(join(root, file.path), 'utf8').catch(() => undefined);
    if (current === undefined) stale.push({ path: file.path, problem: 'missing' });
    else if (current !== file.content) stale.push({ path: file.path, problem: 'changed' });
  }
  for (const path of await leftovers(root, files)) stale.push({ path, problem: 'not generated any more' });
  return stale.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Brings the disk in line with `files`: writes what is stale, deletes leftovers. @returns what it changed. */
export async function writeFiles(root: string, files: readonly GeneratedFile[]): Promise<StaleFile[]> {
  const stale = await findStaleFiles(root, files);
  const byPath = new Map(files.map((file) => [file.path, file.content]));
  for (const { path } of stale) {
    const content = byPath.get(path);
    if (content === undefined) {
      await rm(join(root, path));
    } else {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), content);
    }
  }
  return stale;
}

async function leftovers(root: string, files: readonly GeneratedFile[]): Promise<string[]> {
  const generated = new Set(files.map((file) => file.path));
  const found: string[] = [];
  for (const dir of ownedDirs) {
    const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      if (entry.isFile() && !generated.has(path)) found.push(path);
    }
  }
  return found;
}
