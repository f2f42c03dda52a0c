/**
 * Runs tasks one at a time per key, and tasks of different keys side by side. The saga manager
 * holds one per process, keyed by order id, so that two messages of one saga handled at once in this
 * process queue up instead of racing each other's writes. It is not what makes writes safe (the
 * version guard does that, across processes too); it keeps one process from losing races to itself.
 */
export interface KeyedLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with a task running or queued; a key is forgotten once its queue is empty. */
  readonly size: number;
}

export function createKeyedLock(): KeyedLock {
  /** The last task queued per key, settled either way, for the next one to wait for. */
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const result = (tails.get(key) ?? Promise.resolve()).then(task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    get size() {
      return tails.size;
    },
  };
}
