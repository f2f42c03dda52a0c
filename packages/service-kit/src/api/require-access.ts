import type Koa from 'koa';
import type { Config } from '@saga/config';
import { requireRole } from '../http/require-role.ts';
import type { ApiOperation } from './api-operation.ts';

/**
 * The middleware that lets in whom an operation's `access` names (requireRole), so the roles a route
 * checks are the roles its document lists; nothing for an operation open to anyone.
 */
export function requireAccess(auth: Config['auth'], operation: Pick<ApiOperation, 'access'>): Koa.Middleware {
  if (operation.access === 'anyone') return (_, next) => next();
  return requireRole(auth, ...operation.access);
}
