import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A throwaway repository: a root package.json with `start`, `test` and `docs:check`, a workspace
 * `@scratch/tool` (folder tools/tool) with `build`, and whatever files a spec writes.
 */
export interface ScratchRepo {
  readonly root: string;
  write(path: string, text: string): void;
  remove(): void;
}

export function scratchRepo(): ScratchRepo {
  const root = mkdtempSync(join(tmpdir(), 'docs-check-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write(
    'package.json',
    JSON.stringify({
      name: 'scratch',
      workspaces: ['tools/*'],
      scripts: { start: 'x', test: 'x', 'docs:check': 'x' },
    }),
  );
  write('tools/tool/package.json', JSON.stringify({ name: '@scratch/tool', scripts: { build: 'x' } }));
  return {
    root,
    write,
    remove: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
