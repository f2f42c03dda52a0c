import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import { stackPaths } from '../src/paths.ts';
import { pieces } from '../src/pieces/index.ts';
import { POSTGRES_PORT, postgres, postgresUrl, serverArgs, serverCommand } from '../src/pieces/postgres.ts';
import { store, storePiece } from '../src/pieces/store.ts';
import { silentReporter } from '../src/reporter.ts';

describe('postgres piece', () => {
  const setting = (args: readonly string[], name: string) =>
    args.flatMap((a, i) =>
      args[i - 1] === '-c' && a.startsWith(`${name}=`) ? [a.slice(name.length + 1)] : [],
    );

  it('listens on 127.0.0.1 only, on its port, without a Unix socket', () => {
    const args = serverArgs('/stack/data/postgres', 25_432);
    expect(args.slice(0, 4)).to.deep.equal(['-D', '/stack/data/postgres', '-p', '25432']);
    expect(setting(args, 'listen_addresses')).to.deep.equal(['127.0.0.1']);
    expect(setting(args, 'unix_socket_directories')).to.deep.equal(['']);
  });

  it('keeps durability on whatever a configuration file says (a SIGKILL loses no acknowledged write)', () => {
    const args = serverArgs('/d', 1);
    for (const name of ['fsync', 'synchronous_commit', 'full_page_writes'])
      expect(setting(args, name), name).to.deep.equal(['on']);
  });

  it('plans every prepared statement with its values, so that the lookups FerretDB sends can use an index', () => {
    expect(setting(serverArgs('/d', 1), 'plan_cache_mode')).to.deep.equal(['force_custom_plan']);
  });

  it('allows more connections than FerretDB pools (50)', () => {
    expect(Number(setting(serverArgs('/d', 1), 'max_connections')[0])).to.be.at.least(100);
  });

  it('as root, starts through setpriv as the system user; otherwise postgres itself', () => {
    const user = { kind: 'system-user', name: 'saga-postgres', uid: 999, gid: 995 } as const;
    const asUser = serverCommand(user, '/c/bin/postgres', '/d', 27_432);
    expect(asUser.command).to.equal('setpriv');
    expect(asUser.args.slice(0, 6)).to.deep.equal([
      '--reuid=999',
      '--regid=995',
      '--init-groups',
      '--',
      '/c/bin/postgres',
      '-D',
    ]);
    expect(serverCommand({ kind: 'current' }, '/c/bin/postgres', '/d', 27_432).command).to.equal(
      '/c/bin/postgres',
    );
  });

  it('stops with SIGINT, fast shutdown', () => {
    expect(postgres.stopSignal).to.equal('SIGINT');
  });

  it('starts before the store, which depends on it and keeps its data in its ferretdb database', async () => {
    const names = pieces.map((p) => p.name);
    expect(names.indexOf('postgres')).to.be.lessThan(names.indexOf('store'));
    expect(store.dependsOn).to.deep.equal(['postgres']);
    // Preparing names the built binary by its module's hash; nothing needs to exist or run.
    const spec = await storePiece({ port: 27_317, postgresPort: 25_432 }).prepare({
      config: loadConfig({}),
      paths: stackPaths('/nonexistent-stack-home'),
      reporter: silentReporter,
    });
    expect(spec.args).to.deep.equal([
      '-listen',
      '127.0.0.1:27317',
      '-postgresql-url',
      'postgres://postgres@127.0.0.1:25432/ferretdb',
    ]);
    expect(postgresUrl(POSTGRES_PORT)).to.equal('postgres://postgres@127.0.0.1:27432/ferretdb');
  });

  it('is external, not started and not probed, when MONGO_URL names an external store', async () => {
    const config = loadConfig({ MONGO_URL: 'mongodb://db.example:27017' });
    expect(postgres.isExternal(config)).to.equal(true);
    expect(store.isExternal(config)).to.equal(true);
    expect(await postgres.probe(config)).to.include({ ok: true });
    expect(postgres.isExternal(loadConfig({}))).to.equal(false);
  });
});
