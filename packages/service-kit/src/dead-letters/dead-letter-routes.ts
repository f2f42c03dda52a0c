import type Router from '@koa/router';
import type { Config } from '@saga/config';
import {
  deadLetterTopicOf,
  DeadLetterAlreadyReplayedError,
  DeadLetterNotFoundError,
  InvalidDeadLetterFilterError,
  isDeadLetterTopic,
  parseDeadLetterFilter,
  type DeadLetter,
  type DeadLetterFilter,
  type DeadLetters,
  type ReplayOutcome,
} from '@saga/events';
import type { Logger } from '@saga/logging';
import { ConflictError, NotFoundError, ValidationError } from '../http/http-error.ts';
import { jsonBodyParser } from '../http/json-body-parser.ts';
import { parseBody } from '../http/parse-body.ts';
import { requireRole } from '../http/require-role.ts';
import { deadLetterView } from './dead-letter-view.ts';
import {
  deadLetterListQuery,
  listDeadLetters,
  replayAllBody,
  replayDeadLetters,
  replayOneBody,
} from './dead-letter-operations.ts';

/** What the routes need of `DeadLetters` (the event client's), so tests can hand them a fake. */
export type DeadLetterStore = Pick<DeadLetters, 'list' | 'decodeValues' | 'replayOne' | 'replayAll'>;

export interface DeadLetterRoutesDeps {
  readonly auth: Config['auth'];
  readonly store: DeadLetterStore;
  /** The topics this service consumes: only their dead letters are listed and replayed here. */
  readonly consumes: readonly string[];
  readonly logger: Logger;
  /** The clock relative times (`since=15m`) count back from. */
  readonly now?: () => Date;
}

/**
 * Admin endpoints for the dead letters of the topics this service consumes:
 *
 * - `GET /dead-letters?topic=&key=&since=&until=&limit=`: the newest `limit` (default 100, at most 1000)
 *   dead letters of `topic` (its name or its `.dlq` name), or of every consumed topic when none is named,
 *   with exactly the message key `key`, dead-lettered in [`since`, `until`) (ISO 8601 times or durations
 *   back from now: `15m`, `2h`, `7d`). Each shows its value decoded, its replay and what it is a replay of.
 * - `POST /dead-letters/replay {topic, partition, offset, again?}`: sends that dead letter back to its
 *   original topic; one already replayed is a 409 unless `again`.
 * - `POST /dead-letters/replay {topic, all: true, includeReplays?}`: sends every dead letter of `topic`
 *   not replayed yet, leaving out replays that failed again unless `includeReplays`.
 *   Both answer `{replayed: [{from, to, at}], skipped: [{deadLetter, reason, message}]}`.
 *
 * Listing needs an admin or ops caller (dead letters hold customers' messages); replaying needs admin.
 */
export function mountDeadLetterRoutes(router: Router, deps: DeadLetterRoutesDeps): void {
  const admin = requireRole(deps.auth, 'admin');
  const staff = requireRole(deps.auth, 'admin', 'ops');
  const now = deps.now ?? (() => new Date());
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

  router.get(listDeadLetters.path, staff, async (ctx) => {
    const query = parseBody(deadLetterListQuery, ctx.query);
    let filter: DeadLetterFilter;
    try {
      filter = parseDeadLetterFilter(query, now());
    } catch (error) {
      if (error instanceof InvalidDeadLetterFilterError)
        throw new ValidationError([{ path: error.field, message: error.message }]);
      throw error;
    }
    const topics = query.topic === undefined ? deps.consumes : [consumedTopicOf(query.topic, 'topic')];
    const letters: DeadLetter[] = [];
    for (const topic of topics)
      letters.push(...(await deps.store.list(topic, { ...filter, limit: query.limit })));
    const decoded = await deps.store.decodeValues(letters);
    ctx.set('cache-control', 'no-store');
    ctx.body = {
      topics: topics.map(deadLetterTopicOf),
      deadLetters: letters.map((letter, i) =>
        deadLetterView(letter, decoded[i] ?? { json: null, schemaId: null, decodeError: 'not decoded' }),
      ),
    };
  });

  router.post(replayDeadLetters.path, admin, jsonBodyParser(), async (ctx) => {
    const raw = ctx.request.body as { all?: unknown } | undefined;
    let outcome: ReplayOutcome;
    try {
      if (raw?.all !== undefined) {
        const body = parseBody(replayAllBody, raw);
        const dlq = deadLetterTopicOf(consumedTopicOf(body.topic, 'topic'));
        outcome = await deps.store.replayAll(dlq, { includeReplays: body.includeReplays });
      } else {
        const body = parseBody(replayOneBody, raw);
        const dlq = deadLetterTopicOf(consumedTopicOf(body.topic, 'topic'));
        outcome = await deps.store.replayOne(dlq, body.partition, body.offset, { again: body.again });
      }
    } catch (error) {
      if (error instanceof DeadLetterNotFoundError) throw new NotFoundError(error.message);
      if (error instanceof DeadLetterAlreadyReplayedError)
        throw new ConflictError(error.message, { deadLetter: error.deadLetter, replayed: error.replayed });
      throw error;
    }
    deps.logger.info(
      { replayed: outcome.replayed, skipped: outcome.skipped },
      `${outcome.replayed.length} dead letter(s) replayed, ${outcome.skipped.length} skipped`,
    );
    ctx.body = outcome;
  });
}
