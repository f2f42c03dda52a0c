import { GuardLostError, mergeNewestFirst, pageOf, type Applied, type ApplyOptions } from '@saga/service-kit';
import { matchesSagaList } from '../saga-list-query.ts';
import type { SagaDocument } from '../saga-document.ts';
import type { SagaStore, SagaUpdate, SagaWrites } from '../index.ts';

/**
 * Sagas in memory for unit tests of the manager, the routes and the scheduler: the reads of a
 * SagaStore, and the manager's writes as the aggregate runtime makes them (read, decide, one write
 * guarded by the decision's guard and the message id, the message id recorded and the outbox
 * appended, the relay nudged; a missed guard decided again, a few times). It understands exactly the
 * guards and update operators the manager uses ({version}; $set, $inc, $push with or without $each),
 * and copies documents in and out like a database would. Every write is logged.
 */
export function memorySagaStore() {
  const documents = new Map<string, SagaDocument>();
  const writes: { filter: Record<string, unknown>; update: SagaUpdate; matched: boolean }[] = [];
  let nudges = 0;
  const store: SagaStore = {
    findById(sagaId) {
      return Promise.resolve(copy(documents.get(sagaId)));
    },
    findByKey(saga, key) {
      return Promise.resolve(copy([...documents.values()].find((d) => d.saga === saga && d.key === key)));
    },
    findEarliestDeadlines(limit) {
      const withDeadline = [...documents.values()].flatMap((d) =>
        d.deadlineAt ? [{ sagaId: d._id, saga: d.saga, key: d.key, deadlineAt: d.deadlineAt }] : [],
      );
      withDeadline.sort((a, b) => a.deadlineAt.getTime() - b.deadlineAt.getTime());
      return Promise.resolve(withDeadline.slice(0, limit));
    },
    list(query) {
      const found = [...documents.values()].filter((d) => matchesSagaList(d, query));
      const { page, nextCursor } = pageOf(mergeNewestFirst(found, []), query.limit);
      return Promise.resolve({ sagas: page.map((d) => structuredClone(d)), nextCursor });
    },
  };

  const sagas: SagaWrites = {
    async apply<R>(
      sagaId: string,
      options: ApplyOptions<SagaDocument, R>,
    ): Promise<Applied<SagaDocument, R>> {
      const { message } = options;
      await Promise.resolve();
      for (let attempt = 1; attempt <= 3; attempt++) {
        const state = copy(documents.get(sagaId));
        if (message && state?.processedMessageIds.includes(message.id))
          return { kind: 'duplicate', document: state };
        const decided = options.decide(state);
        if (decided.kind === 'none') return { kind: 'unchanged', result: decided.result, document: state };
        const outbox = [...(decided.outbox ?? [])];
        let written: SagaDocument | undefined;
        if (decided.kind === 'insert') {
          if (!documents.has(sagaId)) {
            written = {
              ...(structuredClone(decided.document) as unknown as SagaDocument),
              _id: sagaId,
              processedMessageIds: message ? [message.id] : [],
              outbox,
            };
          }
        } else {
          const filter = { _id: sagaId, ...decided.guard };
          const current = documents.get(sagaId);
          const matched = current !== undefined && matches(current, filter);
          writes.push({ filter, update: decided.update as SagaUpdate, matched });
          if (matched) {
            const updated = applyUpdate(current, decided.update as SagaUpdate);
            written = {
              ...updated,
              processedMessageIds: [...updated.processedMessageIds, ...(message ? [message.id] : [])],
              outbox: [...updated.outbox, ...outbox],
            };
          }
        }
        if (written) {
          documents.set(sagaId, written);
          if (outbox.length > 0) nudges++;
          return { kind: 'applied', result: decided.result, document: structuredClone(written) };
        }
      }
      throw new GuardLostError('sagas', sagaId, 3);
    },
  };
  return { store, sagas, documents, writes, nudges: () => nudges };
}

function copy(document: SagaDocument | undefined): SagaDocument | null {
  return document === undefined ? null : structuredClone(document);
}

function matches(document: SagaDocument, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([field, condition]) => {
    const value = (document as unknown as Record<string, unknown>)[field];
    return value === condition;
  });
}

function applyUpdate(document: SagaDocument, update: SagaUpdate): SagaDocument {
  const next = structuredClone(document) as unknown as Record<string, unknown>;
  for (const [operator, fields] of Object.entries(update)) {
    for (const [field, value] of Object.entries(structuredClone(fields))) {
      if (operator === '$set') next[field] = value;
      else if (operator === '$inc') next[field] = (next[field] as number) + (value as number);
      else if (operator === '$push') {
        const each = typeof value === 'object' && value !== null && '$each' in value;
        (next[field] as unknown[]).push(...(each ? (value as { $each: unknown[] }).$each : [value]));
      } else throw new Error(`the memory store does not know ${operator}`);
    }
  }
  return next as unknown as SagaDocument;
}
