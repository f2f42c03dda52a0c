import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { stackPaths, type StackPaths } from '../src/paths.ts';
import {
  ensureLocalScramCredentials,
  localScramEnv,
  readLocalScramCredentials,
  scramCredentialsFile,
  scramFormatArgs,
  scramListenerProperties,
} from '../src/pieces/kafka-scram.ts';
import { StackError } from '../src/stack-error.ts';

describe('the local SCRAM listener', () => {
  let home: string;
  let paths: StackPaths;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'saga-scram-'));
    paths = stackPaths(home);
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  it('adds a SASL_PLAINTEXT listener on :9094 with both SCRAM mechanisms, and nothing for other listeners', () => {
    const { listener, protocolMapEntry, lines } = scramListenerProperties();
    expect(listener).to.equal('SASL_PLAINTEXT://127.0.0.1:9094');
    expect(protocolMapEntry).to.equal('SASL_PLAINTEXT:SASL_PLAINTEXT');
    expect(lines).to.include('sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512');
    for (const mechanism of ['scram-sha-256', 'scram-sha-512']) {
      expect(lines).to.include(
        `listener.name.sasl_plaintext.${mechanism}.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`,
      );
    }
    expect(lines).not.to.match(/inter\.broker|controller/);
  });

  it('generates the password once, keeps it readable by its owner only, and gives the same one after', async () => {
    const first = await ensureLocalScramCredentials(paths);
    expect(first.username).to.equal('saga');
    expect(first.password).to.match(/^[0-9a-f]{36}$/);
    expect((await stat(scramCredentialsFile(paths))).mode & 0o777).to.equal(0o600);
    expect(await ensureLocalScramCredentials(paths)).to.deep.equal(first);
    expect(await readLocalScramCredentials(paths)).to.deep.equal(first);
  });

  it('gives a new data directory a new password', async () => {
    const other = stackPaths(await mkdtemp(join(tmpdir(), 'saga-scram-')));
    try {
      const [a, b] = [await ensureLocalScramCredentials(paths), await ensureLocalScramCredentials(other)];
      expect(a.password).not.to.equal(b.password);
    } finally {
      await rm(other.home, { recursive: true, force: true });
    }
  });

  it('tells a test to start the stack when the broker has no SCRAM user yet', async () => {
    const error = await readLocalScramCredentials(paths).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StackError);
    expect((error as StackError).fix).to.include('npm run stack:up -- --infra');
  });

  it('refuses a credentials file that is not {username, password}', async () => {
    await ensureLocalScramCredentials(paths);
    await writeFile(scramCredentialsFile(paths), '{"user": "saga"}');
    const error = await readLocalScramCredentials(paths).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StackError);
    expect((error as Error).message).to.include('does not hold {"username", "password"}');
  });

  it('formats a new broker with the user for both mechanisms', () => {
    expect(scramFormatArgs({ username: 'saga', password: 'abc' })).to.deep.equal([
      '--add-scram',
      'SCRAM-SHA-256=[name=saga,password=abc]',
      '--add-scram',
      'SCRAM-SHA-512=[name=saga,password=abc]',
    ]);
  });

  it('points a program at the listener through the platform’s own variables', () => {
    expect(localScramEnv({ username: 'saga', password: 'abc' }, 'scram-sha-512')).to.deep.equal({
      KAFKA_BROKERS: '127.0.0.1:9094',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'saga',
      KAFKA_SASL_PASSWORD: 'abc',
    });
  });
});
