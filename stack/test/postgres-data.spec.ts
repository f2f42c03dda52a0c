import { expect } from 'chai';
import {
  createDatabaseSql,
  dataDirVersion,
  initdbArgs,
  postmasterPidVerdict,
  singleUserArgs,
  type ProcessFacts,
} from '../src/pieces/postgres-data.ts';

describe('postgres data directory', () => {
  describe('dataDirVersion', () => {
    it('is missing without PG_VERSION (initdb runs)', () => {
      expect(dataDirVersion(undefined, 17)).to.deep.equal({ kind: 'missing' });
    });

    it("is the same when PG_VERSION names the binaries' major", () => {
      expect(dataDirVersion('17\n', 17)).to.deep.equal({ kind: 'same' });
    });

    it('names the version of a data directory from another major', () => {
      expect(dataDirVersion('16\n', 17)).to.deep.equal({ kind: 'other', found: '16' });
    });
  });

  describe('postmasterPidVerdict', () => {
    const lock = (pid: string) => `${pid}\n/stack/data/postgres\n1796190222\n27432\n\n127.0.0.1\n`;
    const processes =
      (table: Record<number, ProcessFacts>) =>
      (pid: number): ProcessFacts =>
        table[pid] ?? { alive: false, cmdline: '' };

    it('is none without a postmaster.pid', () => {
      expect(postmasterPidVerdict(undefined, processes({}))).to.deep.equal({ kind: 'none' });
    });

    it('is stale when the pid is gone', () => {
      expect(postmasterPidVerdict(lock('4242'), processes({}))).to.deep.equal({ kind: 'stale', pid: 4242 });
    });

    it('is stale when the pid is a zombie (a SIGKILLed postgres not reaped yet)', () => {
      const zombie = { 4242: { alive: false, cmdline: '' } };
      expect(postmasterPidVerdict(lock('4242'), processes(zombie))).to.deep.equal({
        kind: 'stale',
        pid: 4242,
      });
    });

    it('is stale when the pid was reused by another program', () => {
      const other = { 4242: { alive: true, cmdline: 'node /repo/node_modules/.bin/saga-stack up' } };
      expect(postmasterPidVerdict(lock('4242'), processes(other))).to.deep.equal({
        kind: 'stale',
        pid: 4242,
      });
    });

    it('is running when the pid is a live postgres, which must not lose its lock', () => {
      const live = {
        4242: { alive: true, cmdline: '/stack/cache/postgres-17.5.0/bin/postgres -D /stack/data/postgres' },
      };
      expect(postmasterPidVerdict(lock('4242'), processes(live))).to.deep.equal({
        kind: 'running',
        pid: 4242,
      });
    });

    it('is stale when the file is unreadable (PostgreSQL itself would refuse to start on it)', () => {
      expect(postmasterPidVerdict('', processes({}))).to.deep.equal({ kind: 'stale' });
    });
  });

  describe('command lines', () => {
    it('initdb: UTF-8, the C locale, the postgres superuser trusted (local TCP only)', () => {
      expect(initdbArgs('/d')).to.deep.equal([
        '-D',
        '/d',
        '-U',
        'postgres',
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-instructions',
      ]);
    });

    it('creates the ferretdb database in single-user mode, without a server or a port', () => {
      expect(singleUserArgs('/d')).to.deep.equal(['--single', '-D', '/d', 'postgres']);
      expect(createDatabaseSql).to.equal('CREATE DATABASE ferretdb;\n');
    });
  });
});
