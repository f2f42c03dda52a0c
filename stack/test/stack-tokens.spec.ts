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

  it('generates long random tokens and a JWT secret on first use, in a file only the owner can read', async () => {
    const file = stackTokensFile(home);
    const { tokens, generated } = await ensureStackTokens(file);
    expect(generated).to.equal(true);
    for (const secret of [tokens.ops, tokens.admin, tokens.jwtSecret]) expect(secret).to.match(/^[\w-]{43}$/);
    expect(new Set([tokens.ops, tokens.admin, tokens.jwtSecret]).size).to.equal(3);
    expect((await stat(file)).mode & 0o777).to.equal(0o600);
    expect((await stat(dirname(file))).mode & 0o777).to.equal(0o700);
    expect(parseTokensFile(await readFile(file, 'utf8'))).to.deep.equal(tokens);
  });

  it('reuses the secrets on later starts', async () => {
    const first = await ensureStackTokens(stackTokensFile(home));
    const again = await ensureStackTokens(stackTokensFile(home));
    expect(again).to.deep.equal({ tokens: first.tokens, generated: false });
  });

  it('agrees on one set of secrets when several starts race', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => ensureStackTokens(stackTokensFile(home))),
    );
    expect(new Set(results.map((r) => r.tokens.jwtSecret)).size).to.equal(1);
    expect(results.filter((r) => r.generated)).to.have.length(1);
  });

  it('writes a file a shell can source, which says how to mint a customer token and use it', async () => {
    const file = stackTokensFile(home);
    const { tokens } = await ensureStackTokens(file);
    const text = await readFile(file, 'utf8');
    expect(text)
      .to.contain(`export OPS_TOKEN=${tokens.ops}\n`)
      .and.to.contain(`export ADMIN_TOKEN=${tokens.admin}\n`)
      .and.to.contain(`export AUTH_JWT_SECRET=${tokens.jwtSecret}\n`);
    expect(text).to.contain('npm run -s token -- --sub alice --role customer').and.to.contain('stack:reset');
  });

  it('completes a file from an older version, keeping its admin token', async () => {
    const file = stackTokensFile(home);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(
      file,
      'export API_TOKEN=old-api-token-0123456789\nexport ADMIN_TOKEN=old-admin-token-0123456789\n',
    );
    const { tokens, generated } = await ensureStackTokens(file);
    expect(generated).to.equal(true);
    expect(tokens.admin).to.equal('old-admin-token-0123456789');
    expect(parseTokensFile(await readFile(file, 'utf8'))).to.deep.equal(tokens);
    expect(await readFile(file, 'utf8')).not.to.contain('API_TOKEN=');
  });

  it('gives the services the environment’s secrets when all are set, and makes no file', async () => {
    const env = {
      OPS_TOKENS: 'from-env-ops-token-0123',
      ADMIN_TOKENS: 'from-env-admin-token-0123',
      AUTH_JWT_SECRET: 'from-env-jwt-secret-0123456789-0123456789',
    };
    const resolved = await resolveStackTokens(home, env);
    expect(resolved).to.deep.equal({ env, generated: false });
    const missing = await stat(stackTokensFile(home)).then(
      () => 'exists',
      (error: unknown) => (error as NodeJS.ErrnoException).code,
    );
    expect(missing).to.equal('ENOENT');
  });

  it('fills in a variable the environment lacks from the generated file', async () => {
    const resolved = await resolveStackTokens(home, { OPS_TOKENS: 'from-env-ops-token-0123' });
    const { tokens } = await ensureStackTokens(stackTokensFile(home));
    expect(resolved.env).to.deep.equal({
      OPS_TOKENS: 'from-env-ops-token-0123',
      ADMIN_TOKENS: tokens.admin,
      AUTH_JWT_SECRET: tokens.jwtSecret,
    });
    expect(resolved.file).to.equal(stackTokensFile(home));
  });

  it('refuses a damaged file, saying how to get new secrets', async () => {
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
        clientTokens(home, {
          OPS_TOKENS: ' a-token-0123456789 ,b',
          ADMIN_TOKENS: 'c-token-0123456789',
          AUTH_JWT_SECRET: 'd-secret-0123456789-0123456789-0123',
        }),
      ).to.deep.equal({
        ops: 'a-token-0123456789',
        admin: 'c-token-0123456789',
        jwtSecret: 'd-secret-0123456789-0123456789-0123',
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
