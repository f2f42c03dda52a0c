import { execFile } from 'node:child_process';
import { lstat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Reporter } from '../reporter.ts';
import { StackError } from '../stack-error.ts';

/** A user account, as `getent passwd` lists it. */
export interface SystemUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** Who runs a program that refuses to run as root (PostgreSQL). */
export type RunAs = { readonly kind: 'current' } | ({ readonly kind: 'system-user' } & SystemUser);

/** What ensureUnprivilegedUser does, decided from facts alone. */
export type UserPlan =
  | { readonly action: 'run-as-current' }
  | { readonly action: 'use'; readonly user: SystemUser }
  | { readonly action: 'create'; readonly name: string; readonly useradd: readonly string[] }
  | { readonly action: 'refuse'; readonly reason: string };

/**
 * Not root: the program runs as the current user. Root: as the system user `name`, created when
 * missing: a system account without a home or a login shell, with a group of its own.
 */
export function unprivilegedUserPlan(euid: number, name: string, existing: SystemUser | undefined): UserPlan {
  if (euid !== 0) return { action: 'run-as-current' };
  if (!existing) return { action: 'create', name, useradd: useraddArgs(name) };
  if (existing.uid === 0) {
    return { action: 'refuse', reason: `the user ${name} exists with uid 0, which is root again` };
  }
  return { action: 'use', user: existing };
}

export const useraddArgs = (name: string): string[] => [
  '--system',
  '--no-create-home',
  '--home-dir',
  '/nonexistent',
  '--shell',
  '/usr/sbin/nologin',
  '--user-group',
  name,
];

/** A line of `getent passwd` (name:password:uid:gid:gecos:home:shell). */
export function parsePasswdLine(line: string): SystemUser | undefined {
  const [name, , uid, gid] = line.trim().split(':');
  if (!name || !uid || !gid || !/^\d+$/.test(uid) || !/^\d+$/.test(gid)) return undefined;
  return { name, uid: Number(uid), gid: Number(gid) };
}

/**
 * The command line that runs `command` as `runAs`. setpriv changes the ids and then execs the
 * program in place, so the pid the stack records is the program's own (unlike `su` or `runuser`,
 * which stay as the parent), and stopping it by pid reaches the program itself.
 */
export function commandAs(
  runAs: RunAs,
  command: string,
  args: readonly string[],
): { command: string; args: string[] } {
  if (runAs.kind === 'current') return { command, args: [...args] };
  return {
    command: 'setpriv',
    args: [`--reuid=${runAs.uid}`, `--regid=${runAs.gid}`, '--init-groups', '--', command, ...args],
  };
}

/**
 * The first folder on the way to `path` (itself included) that `user` may not enter, if any. The
 * owner's, group's or others' execute bit counts, as the kernel decides; supplementary groups are
 * not considered, so the answer errs on the side of "may not".
 */
export async function firstUnenterableFolder(
  path: string,
  user: SystemUser,
  modeOf: (folder: string) => Promise<{ uid: number; gid: number; mode: number }> = lstat,
): Promise<string | undefined> {
  const folders: string[] = [];
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    folders.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  for (const folder of folders) {
    const { uid, gid, mode } = await modeOf(folder);
    const bit = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
    if ((mode & bit) === 0) return folder;
  }
  return undefined;
}

/** One answer per user name, however many pieces ask at once (useradd must not run twice). */
const ensured = new Map<string, Promise<RunAs>>();

/**
 * Who runs PostgreSQL: the current user, or, as root, the unprivileged system user `name`, created
 * on first use. Also checks that setpriv is there to switch to it.
 */
export function ensureUnprivilegedUser(name: string, reporter: Reporter, piece: string): Promise<RunAs> {
  let result = ensured.get(name);
  if (!result) {
    result = ensureOnce(name, reporter, piece);
    ensured.set(name, result);
    result.catch(() => ensured.delete(name));
  }
  return result;
}

async function ensureOnce(name: string, reporter: Reporter, piece: string): Promise<RunAs> {
  const plan = unprivilegedUserPlan(process.geteuid?.() ?? -1, name, await lookUp(name));
  switch (plan.action) {
    case 'run-as-current':
      return { kind: 'current' };
    case 'refuse':
      throw new StackError(
        'PREREQUISITE_MISSING',
        `PostgreSQL refuses to run as root, and ${plan.reason}`,
        `give ${name} an unprivileged uid (\`usermod -u <uid> ${name}\`), or run the stack as a user other than root`,
      );
    case 'use':
      await expectSetpriv(name);
      return { kind: 'system-user', ...plan.user };
    case 'create': {
      await expectSetpriv(name);
      reporter.info(piece, `running as root: creating the system user ${name} to run PostgreSQL as`);
      try {
        await promisify(execFile)('useradd', [...plan.useradd], { timeout: 60_000 });
      } catch (error) {
        // Exit 9: created meanwhile by another start; the look-up below finds it.
        if ((error as { code?: unknown }).code !== 9) {
          const stderr = (error as { stderr?: string }).stderr?.trim() ?? '';
          throw new StackError(
            'PREREQUISITE_MISSING',
            `PostgreSQL refuses to run as root, and creating the system user ${name} failed: ${stderr || (error as Error).message}`,
            `create it yourself (\`useradd ${plan.useradd.join(' ')}\`), or run the stack as a user other than root`,
            { cause: error },
          );
        }
      }
      const created = await lookUp(name);
      if (!created) {
        throw new StackError(
          'PREREQUISITE_MISSING',
          `useradd reported success, but \`getent passwd ${name}\` does not find the user`,
          `create it yourself (\`useradd ${plan.useradd.join(' ')}\`), or run the stack as a user other than root`,
        );
      }
      return { kind: 'system-user', ...created };
    }
  }
}

async function lookUp(name: string): Promise<SystemUser | undefined> {
  try {
    const { stdout } = await promisify(execFile)('getent', ['passwd', name], { timeout: 30_000 });
    return parsePasswdLine(stdout);
  } catch (error) {
    // Exit 2: no such user. Anything else (no getent at all) is a broken machine.
    if ((error as { code?: unknown }).code === 2) return undefined;
    throw new StackError(
      'PREREQUISITE_MISSING',
      `\`getent passwd ${name}\` failed: ${(error as Error).message}`,
      'install libc-bin (it provides getent), or run the stack as a user other than root',
      { cause: error },
    );
  }
}

async function expectSetpriv(name: string): Promise<void> {
  try {
    await promisify(execFile)('setpriv', ['--version'], { timeout: 30_000 });
  } catch (error) {
    throw new StackError(
      'PREREQUISITE_MISSING',
      `PostgreSQL refuses to run as root, and switching to the user ${name} needs \`setpriv\`, which could not run`,
      'install it (Debian and Ubuntu: `apt-get install util-linux`; Debian 11: `setpriv`), or run the stack as a user other than root',
      { cause: error },
    );
  }
}
