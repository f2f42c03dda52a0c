/** Runs work one at a time per key, in call order; different keys run side by side. */
export interface KeyedLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/**
 * An in-process lock per key (an order id, a SKU). It serialises this process's writes to one
 * document: Kafka already hands one order's messages to one consumer in order, but the recovery sweep
 * runs beside the consumer, and orders for the same SKU run side by side. The lock holds no connection
 * and never expires; a failed piece of work just lets the next one in.
 */
export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(work);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      // Forget the key once nothing is queued behind this work, so the map does not grow per order.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
