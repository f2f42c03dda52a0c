import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StackError } from '../stack-error.ts';

/**
 * The secrets the local stack's services accept: the ops and admin service-account tokens, and the
 * HS256 secret customers' JWTs are signed with (`npm run token` mints them).
 */
export interface StackTokens {
  readonly ops: string;
  readonly admin: string;
  readonly jwtSecret: string;
}

/** Each secret: its line in the tokens file, and the service variable it becomes. */
const secrets = {
  ops: { line: 'OPS_TOKEN', variable: 'OPS_TOKENS' },
  admin: { line: 'ADMIN_TOKEN', variable: 'ADMIN_TOKENS' },
  jwtSecret: { line: 'AUTH_JWT_SECRET', variable: 'AUTH_JWT_SECRET' },
} as const satisfies Record<keyof StackTokens, { line: string; variable: string }>;

type SecretName = keyof StackTokens;
const secretNames = Object.keys(secrets) as SecretName[];

/** What the services get, by variable. */
export type StackTokenEnv = { readonly [K in SecretName as (typeof secrets)[K]['variable']]: string };

/** Where the secrets come from: the environment (all set there), or the stack's file. */
export interface ResolvedTokens {
  /** What the services get as OPS_TOKENS, ADMIN_TOKENS and AUTH_JWT_SECRET. */
  readonly env: StackTokenEnv;
  /** The file holding generated secrets; undefined when every variable came from the environment. */
  readonly file?: string;
  /** True when this call generated (or completed) the file. */
  readonly generated: boolean;
}

/** The tokens file of a STACK_HOME: with the stack's data, so `stack:reset` wipes it. */
export function stackTokensFile(home: string): string {
  return join(home, 'data', 'secrets', 'tokens.env');
}

/** A new random secret: 32 bytes from the system's CSPRNG, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const LINE = /^(?:export\s+)?([A-Z_]+)=([\x21-\x7e]+)\s*$/;

/** Every known secret the file's text holds, by name (an older file may hold fewer). */
function readLines(text: string): Partial<Record<SecretName, string>> {
  const byLine = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = LINE.exec(line.trim());
    if (match?.[1] && match[2]) byLine.set(match[1], match[2]);
  }
  const found: Partial<Record<SecretName, string>> = {};
  for (const name of secretNames) {
    const value = byLine.get(secrets[name].line);
    if (value) found[name] = value;
  }
  return found;
}

const complete = (found: { readonly [K in SecretName]?: string | undefined }): StackTokens | undefined =>
  found.ops && found.admin && found.jwtSecret
    ? { ops: found.ops, admin: found.admin, jwtSecret: found.jwtSecret }
    : undefined;

/** The secrets in a tokens file's text, or undefined when any is missing. */
export function parseTokensFile(text: string): StackTokens | undefined {
  return complete(readLines(text));
}

/** The file's text: a shell-sourceable env file that says how to use it. */
export function formatTokensFile(tokens: StackTokens, file: string, now = new Date()): string {
  return [
    `# Secrets of the local saga stack, generated ${now.toISOString()}. Keep them private.`,
    `# In a shell:  . ${file}`,
    '#   CUSTOMER=$(npm run -s token -- --sub alice --role customer)',
    '#   curl -H "Authorization: Bearer $CUSTOMER" http://127.0.0.1:3000/orders',
    '# OPS_TOKEN reads everything and changes nothing; ADMIN_TOKEN does everything, for every customer;',
    "# AUTH_JWT_SECRET signs customers' JWTs (`npm run token` mints them with it).",
    '# `npm run stack:reset` deletes this file; the next start generates new secrets.',
    ...secretNames.map((name) => `export ${secrets[name].line}=${tokens[name]}`),
    '',
  ].join('\n');
}

/**
 * The stack's secrets, generating them on first use: reads the file, or writes a new one (mode 0600,
 * in a 0700 folder). Several starts at once (the four services are prepared side by side, and `npm
 * start` may race `saga-stack with`) agree on one file: it is written aside and hard-linked into place,
 * which fails for all but the first. A file from an older version (an API_TOKEN, no OPS_TOKEN or JWT
 * secret) keeps what it has and gains what it lacks.
 * @throws StackError TOKENS_INVALID when the file exists but holds none of the secrets.
 */
export async function ensureStackTokens(file: string): Promise<{ tokens: StackTokens; generated: boolean }> {
  const existing = await readTokens(file);
  if (existing && complete(existing)) return { tokens: complete(existing) as StackTokens, generated: false };
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await chmod(dirname(file), 0o700);
  const tokens: StackTokens = {
    ops: existing?.ops ?? newToken(),
    admin: existing?.admin ?? newToken(),
    jwtSecret: existing?.jwtSecret ?? newToken(),
  };
  const aside = `${file}.${randomUUID()}.tmp`;
  await writeFile(aside, formatTokensFile(tokens, file), { mode: 0o600, flag: 'wx' });
  try {
    if (existing) {
      // Completing an older file: whoever renames last wins, and all of them kept its admin token.
      await rename(aside, file);
      return { tokens: complete((await readTokens(file)) ?? {}) ?? tokens, generated: true };
    }
    await link(aside, file);
    return { tokens, generated: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = complete((await readTokens(file)) ?? {});
    if (winner) return { tokens: winner, generated: false };
    throw invalidFile(file);
  } finally {
    await rm(aside, { force: true });
  }
}

/**
 * What the services get: OPS_TOKENS, ADMIN_TOKENS and AUTH_JWT_SECRET from the environment when set
 * there (each on its own), otherwise the stack's generated ones. The file is only made when a
 * variable is missing.
 */
export async function resolveStackTokens(home: string, env: NodeJS.ProcessEnv): Promise<ResolvedTokens> {
  const fromEnv = (name: SecretName) => env[secrets[name].variable]?.trim() || undefined;
  const given = { ops: fromEnv('ops'), admin: fromEnv('admin'), jwtSecret: fromEnv('jwtSecret') };
  const asEnv = (t: StackTokens): StackTokenEnv => ({
    OPS_TOKENS: t.ops,
    ADMIN_TOKENS: t.admin,
    AUTH_JWT_SECRET: t.jwtSecret,
  });
  const all = complete(given);
  if (all) return { env: asEnv(all), generated: false };
  const file = stackTokensFile(home);
  const { tokens, generated } = await ensureStackTokens(file);
  return {
    env: asEnv({
      ops: given.ops ?? tokens.ops,
      admin: given.admin ?? tokens.admin,
      jwtSecret: given.jwtSecret ?? tokens.jwtSecret,
    }),
    file,
    generated,
  };
}

/**
 * The secrets a client of the running stack should use (the e2e suite, `npm run token`, scripts): the
 * first token of OPS_TOKENS and ADMIN_TOKENS, and AUTH_JWT_SECRET, when the environment has them, else
 * the stack's file.
 * @throws StackError TOKENS_MISSING when neither says.
 */
export function clientTokens(home: string, env: NodeJS.ProcessEnv = process.env): StackTokens {
  const first = (value: string | undefined) =>
    value
      ?.split(',')
      .map((t) => t.trim())
      .find((t) => t !== '');
  const given = {
    ops: first(env.OPS_TOKENS),
    admin: first(env.ADMIN_TOKENS),
    jwtSecret: env.AUTH_JWT_SECRET?.trim() || undefined,
  };
  const all = complete(given);
  if (all) return all;
  const file = stackTokensFile(home);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new StackError(
      'TOKENS_MISSING',
      `no secrets: OPS_TOKENS, ADMIN_TOKENS and AUTH_JWT_SECRET are not all set, and ${file} does not exist`,
      'start the stack with `npm start` (it generates the file), or set OPS_TOKENS, ADMIN_TOKENS and AUTH_JWT_SECRET',
    );
  }
  const tokens = parseTokensFile(text);
  if (!tokens) throw invalidFile(file);
  return {
    ops: given.ops ?? tokens.ops,
    admin: given.admin ?? tokens.admin,
    jwtSecret: given.jwtSecret ?? tokens.jwtSecret,
  };
}

async function readTokens(file: string): Promise<Partial<Record<SecretName, string>> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const found = readLines(text);
  if (Object.keys(found).length === 0) throw invalidFile(file);
  return found;
}

function invalidFile(file: string): StackError {
  return new StackError(
    'TOKENS_INVALID',
    `${file} does not hold an OPS_TOKEN, an ADMIN_TOKEN and an AUTH_JWT_SECRET line`,
    'delete it (the next start generates new secrets), or run `npm run stack:reset`',
  );
}
