import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { loadConfig } from '@saga/config';
import { createLogger } from '@saga/logging';

/** For tests that provoke warnings and errors on purpose; what they check is the outcome, not the log. */
export const silentLogger = createLogger('saga-runtime-test', 'silent');

/** A database name of this test run's own; drop it when done. */
export function testDbName(): string {
  return `saga_runtime_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

/** A connection to database `name` on the configured store (MONGO_URL, or the local stack's). */
export async function connectDatabase(name: string): Promise<mongoose.Connection> {
  return mongoose
    .createConnection(loadConfig().mongo.url, { dbName: name, serverSelectionTimeoutMS: 5000 })
    .asPromise();
}
