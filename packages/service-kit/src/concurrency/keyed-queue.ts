/**
 * Runs tasks one at a time per key, in call order, and tasks of different keys side by side. It holds
 * no connection and never expires: a failed task just lets the next one in, and a key is forgotten
 * once nothing is queued behind it, so the map does not grow per order.
 */
export interface KeyedQueue {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with a task running or queued. */
  readonly size: number;
}

export function createKeyedQueue(): KeyedQueue {
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
