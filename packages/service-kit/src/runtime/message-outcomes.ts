/**
 * What a consumed message's handling came to, for metrics: `applied`, or `duplicate` when every
 * write it asked for found the message applied before (the inbox dedupe, decided in the aggregate
 * runtime). The runtime reports each write by message id; the handler wrapper watches the id of the
 * message it runs, so no handler or domain code knows of any of this. Ids nobody watches (an HTTP
 * request's idempotency key) are ignored, so nothing accumulates.
 */
export interface MessageOutcomes {
  /** The aggregate runtime's report: a write for message `id` applied it, or found it applied before. */
  record(id: string, kind: 'applied' | 'duplicate'): void;
  /** Runs the handling of message `id` and says what it came to; rejects as `handle` does. */
  watch(id: string, handle: () => Promise<void>): Promise<'applied' | 'duplicate'>;
}

export function createMessageOutcomes(): MessageOutcomes {
  const watching = new Map<string, { applied: boolean; duplicate: boolean }>();
  return {
    record(id, kind) {
      const seen = watching.get(id);
      if (!seen) return;
      if (kind === 'applied') seen.applied = true;
      else seen.duplicate = true;
    },
    async watch(id, handle) {
      const seen = { applied: false, duplicate: false };
      watching.set(id, seen);
      try {
        await handle();
      } finally {
        if (watching.get(id) === seen) watching.delete(id);
      }
      return seen.duplicate && !seen.applied ? 'duplicate' : 'applied';
    },
  };
}
