import { parseArgs } from 'node:util';
import type { Config } from '@saga/config';
import { isRole, mintToken, roles, type Role } from '@saga/identity';
import { StackError } from '../stack-error.ts';
import { clientTokens } from './stack-tokens.ts';

export const TOKEN_USAGE = `usage: npm run token -- --sub <customer id> [--role customer|ops|admin]... [--ttl 1h]
  prints a JWT the local stack's services accept, signed with its AUTH_JWT_SECRET:
  --sub   who the caller is; for a customer, their customer id (orders and account of that id only)
  --role  a role to grant, repeatable (default: customer)
  --ttl   how long it is valid: seconds, or a number with s, m, h or d (default 1h, at most 30d)
  e.g.  CUSTOMER=$(npm run -s token -- --sub alice --role customer)`;

const MAX_TTL_SECONDS = 30 * 24 * 3600;

/** `15m`, `1h`, `3600`, `7d` as seconds; undefined for anything else. */
export function ttlSeconds(text: string): number | undefined {
  const match = /^(\d{1,7})([smhd]?)$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * unit;
  return seconds > 0 && seconds <= MAX_TTL_SECONDS ? seconds : undefined;
}

/**
 * `saga-stack token`: mints a JWT for the running stack (its secret from AUTH_JWT_SECRET or the stack's
 * tokens file, with AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE when configured). Returns the token alone, so
 * `$(npm run -s token -- ...)` captures it.
 * @throws StackError USAGE for a missing or malformed argument, TOKENS_MISSING before the first start.
 */
export async function tokenCommand(args: readonly string[], config: Config): Promise<string> {
  let values: { sub?: string | undefined; role?: string[] | undefined; ttl?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { sub: { type: 'string' }, role: { type: 'string', multiple: true }, ttl: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new StackError('USAGE', (error as Error).message, TOKEN_USAGE);
  }
  const subject = values.sub?.trim();
  if (!subject) throw new StackError('USAGE', '`token` needs --sub <customer id>', TOKEN_USAGE);
  const granted = values.role ?? ['customer'];
  const unknown = granted.filter((r) => !isRole(r));
  if (unknown.length > 0) {
    throw new StackError(
      'USAGE',
      `unknown role ${unknown.join(', ')}; roles are ${roles.join(', ')}`,
      TOKEN_USAGE,
    );
  }
  const ttl = ttlSeconds(values.ttl ?? '1h');
  if (ttl === undefined) {
    throw new StackError(
      'USAGE',
      `--ttl "${values.ttl ?? ''}" is not a duration of at most 30d`,
      TOKEN_USAGE,
    );
  }
  const { jwtSecret } = clientTokens(config.stack.home);
  const { issuer, audience } = config.auth.jwt;
  return mintToken({
    secret: jwtSecret,
    subject,
    roles: [...new Set(granted as Role[])],
    ttlSeconds: ttl,
    issuer,
    audience,
  });
}
