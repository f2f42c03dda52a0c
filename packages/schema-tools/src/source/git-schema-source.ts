import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GitSourceError } from '../schema-tools-error.ts';
import type { SchemaSource } from './subject-schema.ts';

const exec = promisify(execFile);

/**
 * The schema files of `dir` (the schemas directory inside a git checkout) as they are at `ref`.
 * A ref where the directory does not exist yet lists nothing, so every topic counts as new.
 * Git runs inside `dir`, so paths are relative to it both in `ls-tree` and in `show <ref>:./<path>`.
 */
export function gitSchemaSource(ref: string, dir: string): SchemaSource {
  return {
    async list() {
      const out = await git(dir, ['ls-tree', '-r', '--name-only', ref, '--', '.']);
      return out
        .split('\n')
        .filter((path) => path.endsWith('.avsc'))
        .sort();
    },
    read(path) {
      return git(dir, ['show', `${ref}:./${path}`]);
    },
  };
}

/** The ref as people name it plus its short commit id, e.g. `HEAD (d1b3f63)`. @throws GitSourceError for an unknown ref. */
export async function describeGitRef(ref: string, dir: string): Promise<{ ref: string; commit: string }> {
  const commit = (await git(dir, ['rev-parse', '--verify', '--short', `${ref}^{commit}`])).trim();
  return { ref, commit };
}

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    // Large enough for any schema file; execFile's 1 MB default would cut a big one off.
    const { stdout } = await exec('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    throw new GitSourceError(`git ${args.join(' ')}`, failure.stderr || failure.message);
  }
}
