/**
 * Runs a batch's messages with as much concurrency as their keys allow: the messages of one key one
 * after the other, in the batch's order (a key names one order, so its events keep their order), and
 * different keys side by side, at most `limit` lanes at once. A consumer that handled a partition one
 * message at a time would spend most of its time waiting on the store for one document while the
 * documents of every other order sat idle.
 *
 * A message that fails stops its lane and keeps the other lanes from starting new messages; so does
 * `shouldContinue()` turning false (the consumer stopping, or the partition taken away). What runs
 * finishes first. The caller commits the result's `donePrefix` (every message before it is done) and
 * leaves the rest to be delivered again: handlers are idempotent by message id, so a message that was
 * done beyond the prefix is recognised as a duplicate then.
 */
export async function runInKeyLanes<T>(
  items: readonly T[],
  options: {
    readonly keyOf: (item: T) => string;
    readonly limit: number;
    readonly run: (item: T) => Promise<void>;
    readonly shouldContinue: () => boolean;
  },
): Promise<{ readonly donePrefix: number; readonly failed: boolean; readonly error?: unknown }> {
  const lanes = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = options.keyOf(item);
    const lane = lanes.get(key);
    if (lane) lane.push(index);
    else lanes.set(key, [index]);
  });
  const waiting = [...lanes.values()];
  const done = new Array<boolean>(items.length).fill(false);
  let failure: { error: unknown } | undefined;
  const proceed = () => failure === undefined && options.shouldContinue();
  const worker = async () => {
    for (let lane = waiting.shift(); lane && proceed(); lane = waiting.shift()) {
      for (const index of lane) {
        if (!proceed()) return;
        try {
          await options.run(items[index] as T);
          done[index] = true;
        } catch (error) {
          failure ??= { error };
          return;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.limit, waiting.length)) }, worker));
  const firstUndone = done.indexOf(false);
  const donePrefix = firstUndone === -1 ? items.length : firstUndone;
  return failure ? { donePrefix, failed: true, error: failure.error } : { donePrefix, failed: false };
}
