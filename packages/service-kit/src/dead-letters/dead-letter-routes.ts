import type Router from '@koa/router';
import { z } from 'zod';
import type { Config } from '@saga/config';
import {
  deadLetterTopicOf,
  DeadLetterNotFoundError,
  isDeadLetterTopic,
  type DeadLetter,
  type DeadLetters,
  type Replayed,
} from '@saga/events';
import type { Logger } from '@saga/logging';
import { NotFoundError, ValidationError } from '../http/http-error.ts';
import { jsonBodyParser } from '../http/json-body-parser.ts';
import { parseBody } from '../http/parse-body.ts';
import { requireRole } from '../http/require-role.ts';
import { deadLetterView } from './dead-letter-view.ts';

/** What the routes need of `DeadLetters` (the event client's), so tests can hand them a fake. */
export type DeadLetterStore = Pick<DeadLetters, 'list' | 'get' | 'replay'>;

export interface DeadLetterRoutesDeps {
  readonly auth: Config['auth'];
  readonly store: DeadLetterStore;
  /** The topics this service consumes: only their dead letters are listed and replayed here. */
  readonly consumes: readonly string[];
  readonly logger: Logger;
}

const listQuery = z.object({
  topic: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const replayBody = z.object({
  topic: z.string().min(1),
  partition: z.number().int().min(0),
  offset: z
    .union([z.string().regex(/^\d+$/, 'must be a decimal offset'), z.number().int().min(0)])
    .transform(String),
});

/**
 * Admin endpoints for the dead letters of the topics this service consumes:
 *
 * - `GET /dead-letters?topic=&limit=`: the newest `limit` (default 100, at most 1000) dead letters of
 *   `topic` (its name or its `.dlq` name), or of every consumed topic when none is named.
 * - `POST /dead-letters/replay {topic, partition, offset}`: sends that dead letter back to its original
 *   topic; answers with where it went.
 *
 * Listing needs an admin or ops caller (dead letters hold customers' messages); replaying needs admin.
 */
export function mountDeadLetterRoutes(router: Router, deps: DeadLetterRoutesDeps): void {
  const admin = requireRole(deps.auth, 'admin');
  const staff = requireRole(deps.auth, 'admin', 'ops');
  const consumedTopicOf = (topic: string, path: string): string => {
    const source = isDeadLetterTopic(topic) ? topic.slice(0, -'.dlq'.length) : topic;
    if (!deps.consumes.includes(source)) {
      throw new ValidationError([
        {
          path,
          message:
            deps.consumes.length === 0
              ? 'this service consumes no topic, so it has no dead letters'
              : `"${topic}" is not a topic this service consumes; use one of ${deps.consumes.join(', ')} (or its .dlq name)`,
        },
      ]);
    }
    return source;
  };

  router.get('/dead-letters', staff, async (ctx) => {
    const query = parseBody(listQuery, ctx.query);
    const topics = query.topic === undefined ? deps.consumes : [consumedTopicOf(query.topic, 'topic')];
    const letters: DeadLetter[] = [];
    for (const topic of topics) letters.push(...(await deps.store.list(topic, { limit: query.limit })));
    ctx.set('cache-control', 'no-store');
    ctx.body = {
      topics: topics.map(deadLetterTopicOf),
      deadLetters: letters.map(deadLetterView),
    };
  });

  router.post('/dead-letters/replay', admin, jsonBodyParser(), async (ctx) => {
    const body = parseBody(replayBody, ctx.request.body);
    const dlq = deadLetterTopicOf(consumedTopicOf(body.topic, 'topic'));
    let replayed: Replayed[];
    try {
      const letter = await deps.store.get(dlq, body.partition, body.offset);
      replayed = await deps.store.replay([letter]);
    } catch (error) {
      if (error instanceof DeadLetterNotFoundError) throw new NotFoundError(error.message);
      throw error;
    }
    deps.logger.info({ replayed }, 'dead letter replayed');
    ctx.body = { replayed: replayed[0] };
  });
}
