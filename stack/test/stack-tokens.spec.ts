import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import { stackPaths } from '../src/paths.ts';
import { servicePiece } from '../src/pieces/service.ts';
import { silentReporter } from '../src/reporter.ts';
import { StackError } from '../src/stack-error.ts';
import {
  clientTokens,
  ensureStackTokens,
  parseTokensFile,
  resolveStackTokens,
  stackTokensFile,
} from '../src/secrets/stack-tokens.ts';

describe('stack tokens', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'stack-tokens-'));
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  it('lives with the stack’s data, so stack:reset wipes it', () => {
    expect(stackTokensFile('/x/.stack')).to.equal('/x/.stack/data/secrets/tokens.env');
  });

  it('generates two long random tokens on first use, in a file only the owner can read', async () => {
    const file = stackTokensFile(home);
    const { tokens, generated } = await ensureStackTokens(file);
    expect(generated).to.equal(true);
    expect(tokens.api).to.match(/^[\w-]{43}$/);
    expect(tokens.admin).to.match(/^[\w-]{43}$/);
    expect(tokens.api).not.to.equal(tokens.admin);
    expect((await stat(file)).mode & 0o777).to.equal(0o600);
    expect((await stat(dirname(file))).mode & 0o777).to.equal(0o700);
    expect(parseTokensFile(await readFile(file, 'utf8'))).to.deep.equal(tokens);
  });

  it('reuses the tokens on later starts', async () => {
    const first = await ensureStackTokens(stackTokensFile(home));
    const again = await ensureStackTokens(stackTokensFile(home));
    expect(again).to.deep.equal({ tokens: first.tokens, generated: false });
  });

  it('agrees on one set of tokens when several starts race', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => ensureStackTokens(stackTokensFile(home))),
    );
    expect(new Set(results.map((r) => r.tokens.api)).size).to.equal(1);
    expect(results.filter((r) => r.generated)).to.have.length(1);
  });

  it('writes a file a shell can source, which says how to use it', async () => {
    const file = stackTokensFile(home);
    const { tokens } = await ensureStackTokens(file);
    const text = await readFile(file, 'utf8');
    expect(text)
      .to.contain(`export API_TOKEN=${tokens.api}\n`)
      .and.to.contain(`export ADMIN_TOKEN=${tokens.admin}\n`);
    expect(text).to.contain('Authorization: Bearer $API_TOKEN').and.to.contain('stack:reset');
  });

  it('gives the services the environment’s tokens when both are set, and makes no file', async () => {
    const resolved = await resolveStackTokens(home, {
      API_TOKENS: 'from-env-api-token-0123',
      ADMIN_TOKENS: 'from-env-admin-token-0123',
    });
    expect(resolved).to.deep.equal({
      env: { API_TOKENS: 'from-env-api-token-0123', ADMIN_TOKENS: 'from-env-admin-token-0123' },
      generated: false,
    });
    const missing = await stat(stackTokensFile(home)).then(
      () => 'exists',
      (error: unknown) => (error as NodeJS.ErrnoException).code,
    );
    expect(missing).to.equal('ENOENT');
  });

  it('fills in a variable the environment lacks from the generated file', async () => {
    const resolved = await resolveStackTokens(home, { API_TOKENS: 'from-env-api-token-0123' });
    const { tokens } = await ensureStackTokens(stackTokensFile(home));
    expect(resolved.env).to.deep.equal({ API_TOKENS: 'from-env-api-token-0123', ADMIN_TOKENS: tokens.admin });
    expect(resolved.file).to.equal(stackTokensFile(home));
  });

  it('refuses a damaged file, saying how to get new tokens', async () => {
    const file = stackTokensFile(home);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, 'export API_TOKEN=\n');
    const error = await ensureStackTokens(file).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StackError).with.property('code', 'TOKENS_INVALID');
    expect((error as StackError).fix).to.contain('stack:reset');
  });

  it('are handed to every service process the launcher starts', async () => {
    const ctx = {
      config: loadConfig({ STACK_HOME: home }),
      paths: stackPaths(home),
      reporter: silentReporter,
    };
    const specs = await Promise.all(
      (['order-service', 'payment-service'] as const).map((name) =>
        servicePiece(name, ctx.config).prepare(ctx),
      ),
    );
    const expected = (await resolveStackTokens(home, process.env)).env;
    for (const spec of specs) expect(spec.env).to.include(expected);
  });

  describe('clientTokens', () => {
    it('prefers the first token of each variable in the environment', () => {
      expect(
        clientTokens(home, { API_TOKENS: ' a-token-0123456789 ,b', ADMIN_TOKENS: 'c-token-0123456789' }),
      ).to.deep.equal({
        api: 'a-token-0123456789',
        admin: 'c-token-0123456789',
      });
    });

    it('reads the stack’s file otherwise', async () => {
      const { tokens } = await ensureStackTokens(stackTokensFile(home));
      expect(clientTokens(home, {})).to.deep.equal(tokens);
    });

    it('says how to get tokens when there are none', () => {
      expect(() => clientTokens(home, {}))
        .to.throw(StackError)
        .with.property('fix')
        .that.contains('npm start');
    });
  });
});
