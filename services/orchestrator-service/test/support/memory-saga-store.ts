import type { SagaDocument } from '../../src/model/saga-document.ts';
import type { SagaStore, SagaUpdate } from '../../src/saga-manager/index.ts';

/**
 * A SagaStore in memory for unit tests of the manager. It understands exactly the filters and update
 * operators the manager uses ({_id, version, processedMessageIds: {$ne}}; $set, $inc, $push with or
 * without $each), finds sagas due and by status, and copies documents in and out like a database
 * would. Every write is logged.
 */
export function memorySagaStore() {
  const documents = new Map<string, SagaDocument>();
  const writes: { filter: Record<string, unknown>; update: SagaUpdate; matched: boolean }[] = [];
  const store: SagaStore = {
    collection: { collectionName: 'sagas' },
    insert(document) {
      const taken = [...documents.values()].some((d) => d.orderId === document.orderId);
      if (taken || documents.has(document._id)) return Promise.resolve(false);
      documents.set(document._id, structuredClone(document));
      return Promise.resolve(true);
    },
    findById(sagaId) {
      return Promise.resolve(copy(documents.get(sagaId)));
    },
    findByOrderId(orderId) {
      return Promise.resolve(copy([...documents.values()].find((d) => d.orderId === orderId)));
    },
    update(filter, update) {
      const document = documents.get(filter._id as string);
      const matched = document !== undefined && matches(document, filter);
      writes.push({ filter, update, matched });
      if (matched) documents.set(document._id, applyUpdate(document, update));
      return Promise.resolve(matched);
    },
    findEarliestDeadlines(limit) {
      const withDeadline = [...documents.values()].flatMap((d) =>
        d.deadlineAt ? [{ sagaId: d._id, deadlineAt: d.deadlineAt }] : [],
      );
      withDeadline.sort((a, b) => a.deadlineAt.getTime() - b.deadlineAt.getTime());
      return Promise.resolve(withDeadline.slice(0, limit));
    },
    findByStatus(status, limit) {
      const found = [...documents.values()].filter((d) => d.status === status).slice(0, limit);
      return Promise.resolve(found.map((d) => structuredClone(d)));
    },
  };
  return { store, documents, writes };
}

function copy(document: SagaDocument | undefined): SagaDocument | null {
  return document === undefined ? null : structuredClone(document);
}

function matches(document: SagaDocument, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([field, condition]) => {
    const value = (document as unknown as Record<string, unknown>)[field];
    if (typeof condition === 'object' && condition !== null && '$ne' in condition) {
      return !(value as unknown[]).includes(condition.$ne);
    }
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
