import type Router from '@koa/router';
import type { Config } from '@saga/config';
import type { ConsumedTopic } from '../consumed-topics.ts';
import { operatorOnly } from './operator-only.ts';

/** `GET /api/topics` (admin or ops): `{ topics: [{ topic, service }] }`, where each topic's dead letters are. */
export function mountTopicsRoute(
  router: Router,
  deps: { readonly auth: Config['auth']; readonly topics: readonly ConsumedTopic[] },
): void {
  router.get('/api/topics', operatorOnly(deps.auth), (ctx) => {
    ctx.body = { topics: deps.topics };
  });
}
