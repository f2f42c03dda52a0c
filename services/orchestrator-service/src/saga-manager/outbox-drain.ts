import { setTimeout as sleep } from 'node:timers/promises';
import type { SagaDocument } from '../model/saga-document.ts';

/** How long a reply waits for the commands still in its saga's outbox to be sent, and how often it looks. */
export interface OutboxDrainPolicy {
  /** 0 turns the wait off (the manager then applies replies at once). */
  readonly timeoutMs: number;
  readonly pollMs: number;
}

/**
 * Waits until the saga's outbox is empty (the relay published and removed every entry), then returns
 * the saga as it is now; past the timeout it returns the latest read anyway, `drained: false`.
 *
 * Why: FerretDB (the platform's store) runs an update as read, change, then write the whole document,
 * with nothing between that stops another update to the same document, so of two concurrent updates
 * one can silently undo the other, version guard or not. The relay's removal of sent entries is such
 * an update, and a reply often arrives right after its command was published, just before that
 * removal. The relay writes only documents with entries, so once the outbox is empty the saga's next
 * update cannot collide with it. A relay that cannot publish removes nothing, so going ahead after
 * the timeout cannot collide either; it only means the reply came while the broker was struggling.
 */
export async function awaitOutboxDrained(
  document: SagaDocument,
  deps: {
    readonly reload: () => Promise<SagaDocument | null>;
    /** Asks the relay to run now rather than at its next poll. */
    readonly nudge: () => void;
    readonly policy: OutboxDrainPolicy;
    readonly wait?: (ms: number) => Promise<unknown>;
  },
): Promise<{ document: SagaDocument | null; drained: boolean }> {
  if (document.outbox.length === 0) return { document, drained: true };
  const wait = deps.wait ?? sleep;
  const deadline = Date.now() + deps.policy.timeoutMs;
  let latest: SagaDocument | null = document;
  deps.nudge();
  while (Date.now() < deadline) {
    await wait(deps.policy.pollMs);
    latest = await deps.reload();
    if (!latest || latest.outbox.length === 0) return { document: latest, drained: true };
  }
  return { document: latest, drained: false };
}
