import type mongoose from 'mongoose';
import type { Logger } from '@saga/logging';

/**
 * Logs a warning when MONGO_URL asked for a wider pool than the one connection service-kit opens
 * by default: FerretDB 1.x applies an update as a read and a separate write, so on several
 * connections concurrent updates of one document (stock, reservations, the relay's removals) can
 * be lost. On MongoDB the warning is harmless.
 */
export function warnIfPooled(db: mongoose.Connection, logger: Logger): void {
  const poolSize = db.getClient().options.maxPoolSize;
  if (poolSize !== 1) {
    logger.warn(
      { maxPoolSize: poolSize },
      'the store connection pool is wider than one connection: on FerretDB, concurrent updates of one document can be lost; remove maxPoolSize from MONGO_URL when the store is FerretDB',
    );
  }
}
