import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import { createJwtVerifier } from '@saga/identity';
import { StackError } from '../src/stack-error.ts';
import { ensureStackTokens, stackTokensFile } from '../src/secrets/stack-tokens.ts';
import { tokenCommand, ttlSeconds } from '../src/secrets/token-command.ts';

describe('npm run token', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'token-command-'));
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  it('mints a token the services verify, with the subject and roles asked for, and the configured audience', async () => {
    const { tokens } = await ensureStackTokens(stackTokensFile(home));
    const config = loadConfig({ STACK_HOME: home, AUTH_JWT_AUDIENCE: 'saga-api', AUTH_JWT_ISSUER: 'local' });
    const token = await tokenCommand(['--sub', 'alice', '--role', 'customer', '--role', 'ops'], config);
    const verify = createJwtVerifier({ secret: tokens.jwtSecret, audience: 'saga-api', issuer: 'local' });
    const principal = await verify?.(token);
    expect(principal?.subject).to.equal('alice');
    expect([...(principal?.roles ?? [])]).to.have.members(['customer', 'ops']);
  });

  it('grants the customer role when none is named', async () => {
    const { tokens } = await ensureStackTokens(stackTokensFile(home));
    const token = await tokenCommand(['--sub', 'bob'], loadConfig({ STACK_HOME: home }));
    expect([
      ...((await createJwtVerifier({ secret: tokens.jwtSecret })?.(token))?.roles ?? []),
    ]).to.deep.equal(['customer']);
  });

  it('refuses a missing --sub, an unknown role and a bad --ttl, showing the usage', async () => {
    await ensureStackTokens(stackTokensFile(home));
    const config = loadConfig({ STACK_HOME: home });
    for (const [args, message] of [
      [[], 'needs --sub'],
      [['--sub', 'a', '--role', 'root'], 'unknown role root'],
      [['--sub', 'a', '--ttl', '99y'], '--ttl "99y"'],
      [['--sub', 'a', '--colour', 'red'], "Unknown option '--colour'"],
    ] as const) {
      const error = await tokenCommand(args, config).catch((e: unknown) => e);
      expect(error, args.join(' ')).to.be.instanceOf(StackError).with.property('code', 'USAGE');
      expect((error as StackError).message).to.contain(message);
      expect((error as StackError).fix).to.contain('npm run token -- --sub');
    }
  });

  it('says to start the stack first when there is no secret yet', async () => {
    const error = await tokenCommand(['--sub', 'alice'], loadConfig({ STACK_HOME: home })).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(StackError).with.property('code', 'TOKENS_MISSING');
    expect((error as StackError).fix).to.contain('npm start');
  });

  it('reads durations in seconds, minutes, hours and days, up to 30 days', () => {
    expect([ttlSeconds('90'), ttlSeconds('15m'), ttlSeconds('1h'), ttlSeconds('7d')]).to.deep.equal([
      90, 900, 3600, 604_800,
    ]);
    expect([ttlSeconds('0'), ttlSeconds('31d'), ttlSeconds('1w'), ttlSeconds('')]).to.deep.equal([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
