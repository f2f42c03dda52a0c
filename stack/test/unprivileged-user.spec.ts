import { expect } from 'chai';
import {
  commandAs,
  firstUnenterableFolder,
  parsePasswdLine,
  unprivilegedUserPlan,
  useraddArgs,
} from '../src/process/unprivileged-user.ts';

const sagaPostgres = { name: 'saga-postgres', uid: 999, gid: 995 };

describe('unprivilegedUserPlan', () => {
  it('runs as the current user when that is not root', () => {
    expect(unprivilegedUserPlan(1000, 'saga-postgres', undefined)).to.deep.equal({
      action: 'run-as-current',
    });
  });

  it('as root, uses the system user when it exists', () => {
    expect(unprivilegedUserPlan(0, 'saga-postgres', sagaPostgres)).to.deep.equal({
      action: 'use',
      user: sagaPostgres,
    });
  });

  it('as root, creates a system user without a home or a login shell, with a group of its own, when missing', () => {
    expect(unprivilegedUserPlan(0, 'saga-postgres', undefined)).to.deep.equal({
      action: 'create',
      name: 'saga-postgres',
      useradd: [
        '--system',
        '--no-create-home',
        '--home-dir',
        '/nonexistent',
        '--shell',
        '/usr/sbin/nologin',
        '--user-group',
        'saga-postgres',
      ],
    });
    expect(useraddArgs('x').at(-1)).to.equal('x');
  });

  it('refuses a "system user" that is root again (uid 0)', () => {
    const plan = unprivilegedUserPlan(0, 'saga-postgres', { name: 'saga-postgres', uid: 0, gid: 0 });
    expect(plan).to.have.property('action', 'refuse');
  });
});

describe('parsePasswdLine', () => {
  it('reads the name, uid and gid of a getent passwd line', () => {
    expect(parsePasswdLine('saga-postgres:x:999:995::/nonexistent:/usr/sbin/nologin\n')).to.deep.equal(
      sagaPostgres,
    );
  });

  it('gives nothing for an empty or malformed line', () => {
    expect(parsePasswdLine('')).to.equal(undefined);
    expect(parsePasswdLine('saga-postgres:x:abc:995::/:/bin/sh')).to.equal(undefined);
  });
});

describe('commandAs', () => {
  it('runs the program itself for the current user', () => {
    expect(commandAs({ kind: 'current' }, '/c/bin/postgres', ['-D', '/d'])).to.deep.equal({
      command: '/c/bin/postgres',
      args: ['-D', '/d'],
    });
  });

  it("switches with setpriv, which execs the program in place (the recorded pid is the program's)", () => {
    expect(
      commandAs({ kind: 'system-user', ...sagaPostgres }, '/c/bin/postgres', ['-D', '/d']),
    ).to.deep.equal({
      command: 'setpriv',
      args: ['--reuid=999', '--regid=995', '--init-groups', '--', '/c/bin/postgres', '-D', '/d'],
    });
  });
});

describe('firstUnenterableFolder', () => {
  const modes: Record<string, { uid: number; gid: number; mode: number }> = {
    '/': { uid: 0, gid: 0, mode: 0o40755 },
    '/root': { uid: 0, gid: 0, mode: 0o40700 },
    '/root/repo': { uid: 0, gid: 0, mode: 0o40755 },
    '/work': { uid: 0, gid: 0, mode: 0o40755 },
    '/work/own': { uid: 999, gid: 995, mode: 0o40700 },
    '/work/group': { uid: 0, gid: 995, mode: 0o40750 },
    '/work/group/deep': { uid: 0, gid: 0, mode: 0o40751 },
  };
  const modeOf = (folder: string) => {
    const found = modes[folder];
    if (!found) throw new Error(`no mode for ${folder}`);
    return Promise.resolve(found);
  };

  it('names the first folder the user may not enter (root-only /root)', async () => {
    expect(await firstUnenterableFolder('/root/repo', sagaPostgres, modeOf)).to.equal('/root');
  });

  it("counts the owner's and the group's execute bit for their user and group", async () => {
    expect(await firstUnenterableFolder('/work/own', sagaPostgres, modeOf)).to.equal(undefined);
    expect(await firstUnenterableFolder('/work/group/deep', sagaPostgres, modeOf)).to.equal(undefined);
  });
});
