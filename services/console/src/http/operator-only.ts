import type Koa from 'koa';
import type { Config } from '@saga/config';
import { ForbiddenError, requireRole } from '@saga/service-kit';
import { NotAnOperatorError } from './not-an-operator-error.ts';

/**
 * Koa middleware: the shared `requireRole(auth, 'admin', 'ops')`, with the console's own answer for a
 * valid token of anyone else (a customer), so the login page can say why it refuses. Only the check
 * is wrapped, not the route after it: a 403 the route itself raises keeps its own message.
 */
export function operatorOnly(auth: Config['auth']): Koa.Middleware {
  const staff = requireRole(auth, 'admin', 'ops');
  return async (ctx, next) => {
    try {
      await staff(ctx, () => Promise.resolve());
    } catch (error) {
      if (error instanceof ForbiddenError) throw new NotAnOperatorError();
      throw error;
    }
    await next();
  };
}
