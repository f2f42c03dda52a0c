import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StackError } from '../stack-error.ts';

/** The bearer tokens the local stack's services accept: one with the api role, one with the admin role. */
export interface StackTokens {
  readonly api: string;
  readonly admin: string;
}

/** Where the tokens come from: the environment (API_TOKENS and ADMIN_TOKENS set), or the stack's file. */
export interface ResolvedTokens {
  /** What the services get as API_TOKENS and ADMIN_TOKENS. */
  readonly env: { readonly API_TOKENS: string; readonly ADMIN_TOKENS: string };
  /** The file holding generated tokens; undefined when both variables came from the environment. */
  readonly file?: string;
  /** True when this call generated the file. */
  readonly generated: boolean;
}

/** The tokens file of a STACK_HOME: with the stack's data, so `stack:reset` wipes it. */
export function stackTokensFile(home: string): string {
  return join(home, 'data', 'secrets', 'tokens.env');
}

/** A new random token: 32 bytes from the system's CSPRNG, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const LINE = /^(?:export\s+)?(API_TOKEN|ADMIN_TOKEN)=([\x21-\x7e]+)\s*$/;

/** The tokens in a tokens file's text, or undefined when either is missing. */
export function parseTokensFile(text: string): StackTokens | undefined {
  const found: Partial<Record<'API_TOKEN' | 'ADMIN_TOKEN', string>> = {};
  for (const line of text.split('\n')) {
    const match = LINE.exec(line.trim());
    if (match?.[1] && match[2]) found[match[1] as 'API_TOKEN' | 'ADMIN_TOKEN'] = match[2];
  }
  return found.API_TOKEN && found.ADMIN_TOKEN
    ? { api: found.API_TOKEN, admin: found.ADMIN_TOKEN }
    : undefined;
}

/** The file's text: a shell-sourceable env file that says how to use it. */
export function formatTokensFile(tokens: StackTokens, file: string, now = new Date()): string {
  return [
    `# Bearer tokens of the local saga stack, generated ${now.toISOString()}. Keep them private.`,
    `# In a shell:  . ${file}`,
    '#   curl -H "Authorization: Bearer $API_TOKEN" http://127.0.0.1:3000/orders',
    '# API_TOKEN has the api role (orders, reads); ADMIN_TOKEN the admin role (stock, accounts, and api).',
    '# `npm run stack:reset` deletes this file; the next start generates new tokens.',
    `export API_TOKEN=${tokens.api}`,
    `export ADMIN_TOKEN=${tokens.admin}`,
    '',
  ].join('\n');
}

/**
 * The stack's tokens, generating them on first use: reads the file, or writes a new one (mode 0600, in a
 * 0700 folder). Several starts at once (the four services are prepared side by side, and `npm start` may
 * race `saga-stack with`) agree on one file: it is written aside and hard-linked into place, which fails
 * for all but the first.
 * @throws StackError TOKENS_INVALID when the file exists but does not hold both tokens.
 */
export async function ensureStackTokens(file: string): Promise<{ tokens: StackTokens; generated: boolean }> {
  const existing = await readTokens(file);
  if (existing) return { tokens: existing, generated: false };
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await chmod(dirname(file), 0o700);
  const tokens = { api: newToken(), admin: newToken() };
  const aside = `${file}.${randomUUID()}.tmp`;
  await writeFile(aside, formatTokensFile(tokens, file), { mode: 0o600, flag: 'wx' });
  try {
    await link(aside, file);
    return { tokens, generated: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readTokens(file);
    if (winner) return { tokens: winner, generated: false };
    throw invalidFile(file);
  } finally {
    await rm(aside, { force: true });
  }
}

/**
 * What the services get: API_TOKENS and ADMIN_TOKENS from the environment when set there (each on its
 * own), otherwise the stack's generated tokens. The file is only made when a variable is missing.
 */
export async function resolveStackTokens(home: string, env: NodeJS.ProcessEnv): Promise<ResolvedTokens> {
  const fromEnv = (name: 'API_TOKENS' | 'ADMIN_TOKENS') => env[name]?.trim() || undefined;
  const api = fromEnv('API_TOKENS');
  const admin = fromEnv('ADMIN_TOKENS');
  if (api && admin) return { env: { API_TOKENS: api, ADMIN_TOKENS: admin }, generated: false };
  const file = stackTokensFile(home);
  const { tokens, generated } = await ensureStackTokens(file);
  return {
    env: { API_TOKENS: api ?? tokens.api, ADMIN_TOKENS: admin ?? tokens.admin },
    file,
    generated,
  };
}

/**
 * The tokens a client of the running stack should send (the e2e suite, scripts): the first of API_TOKENS
 * and ADMIN_TOKENS when the environment has them, else the stack's file.
 * @throws StackError TOKENS_MISSING when neither says.
 */
export function clientTokens(home: string, env: NodeJS.ProcessEnv = process.env): StackTokens {
  const first = (value: string | undefined) =>
    value
      ?.split(',')
      .map((t) => t.trim())
      .find((t) => t !== '');
  const api = first(env.API_TOKENS);
  const admin = first(env.ADMIN_TOKENS);
  if (api && admin) return { api, admin };
  const file = stackTokensFile(home);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new StackError(
      'TOKENS_MISSING',
      `no bearer tokens: API_TOKENS and ADMIN_TOKENS are not set, and ${file} does not exist`,
      'start the stack with `npm start` (it generates the file), or set API_TOKENS and ADMIN_TOKENS',
    );
  }
  const tokens = parseTokensFile(text);
  if (!tokens) throw invalidFile(file);
  return { api: api ?? tokens.api, admin: admin ?? tokens.admin };
}

async function readTokens(file: string): Promise<StackTokens | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const tokens = parseTokensFile(text);
  if (!tokens) throw invalidFile(file);
  return tokens;
}

function invalidFile(file: string): StackError {
  return new StackError(
    'TOKENS_INVALID',
    `${file} does not hold an API_TOKEN and an ADMIN_TOKEN line`,
    'delete it (the next start generates new tokens), or run `npm run stack:reset`',
  );
}
