/** A reading taken at scrape time, at most once per `ttlMs`. */
export interface CachedReadingOptions<T> {
  readonly read: () => Promise<T>;
  readonly ttlMs: number;
  /** What to report before the first reading succeeded. */
  readonly initial: T;
  /** Called when a reading fails; the last good value is reported meanwhile. */
  readonly onError?: (error: unknown) => void;
  readonly now?: () => number;
}

/**
 * Wraps a costly reading (a store query, a broker round trip) so that scrapes, however frequent and
 * however many at once, cost at most one reading per `ttlMs`: callers within the window get the last
 * value, and callers while a reading runs share it. A failed reading is reported to `onError` and
 * the last good value stands, so a store outage does not fail the whole scrape.
 */
export function cachedReading<T>(options: CachedReadingOptions<T>): () => Promise<T> {
  const now = options.now ?? Date.now;
  let value = options.initial;
  let readAt = -Infinity;
  let running: Promise<T> | undefined;
  return () => {
    if (now() - readAt < options.ttlMs) return Promise.resolve(value);
    running ??= options
      .read()
      .then(
        (read) => {
          value = read;
          return read;
        },
        (error: unknown) => {
          options.onError?.(error);
          return value;
        },
      )
      .finally(() => {
        // A failure counts as a reading too: a store that is down is not hammered per scrape.
        readAt = now();
        running = undefined;
      });
    return running;
  };
}
