import mongoose from 'mongoose';
import { loadConfig } from '@saga/config';
import { everyStep } from './every-step.ts';
import { NamespaceNames } from './namespace-names.ts';

/**
 * One suite's databases on the shared store, named after the suite (`test_<suite>_<id>_<label>`), and
 * the test's own connections to them. `close` closes the connections and drops every database it
 * named, whoever wrote to it. A suite of the store alone makes one with createTestStore and needs no
 * broker; a TestNamespace keeps its databases in one.
 */
export class TestStore {
  private readonly databases = new Set<string>();
  private readonly connections: mongoose.Connection[] = [];

  constructor(
    private readonly names: NamespaceNames,
    private readonly mongoUrl: string,
  ) {}

  /** A database of the suite: dropped by `close`. */
  dbName(label: string): string {
    const name = this.names.dbName(label);
    this.databases.add(name);
    return name;
  }

  /** A connection of the test's own to database `name` (dropped by `close`, as the connection is closed). */
  async connectDatabase(name: string, options: { maxPoolSize?: number } = {}): Promise<mongoose.Connection> {
    this.databases.add(name);
    const db = await mongoose
      .createConnection(this.mongoUrl, { dbName: name, serverSelectionTimeoutMS: 5000, ...options })
      .asPromise();
    this.connections.push(db);
    return db;
  }

  /** Closes the test's connections, then drops the databases; every step runs, the first failure is thrown. */
  async close(): Promise<void> {
    const connections = this.connections.splice(0);
    const databases = [...this.databases];
    this.databases.clear();
    await everyStep([
      ...connections.map((db) => () => db.close()),
      ...databases.map((name) => () => this.dropDatabase(name)),
    ]);
  }

  private async dropDatabase(name: string): Promise<void> {
    const db = await mongoose
      .createConnection(this.mongoUrl, { dbName: name, serverSelectionTimeoutMS: 5000 })
      .asPromise();
    try {
      await db.dropDatabase();
    } finally {
      await db.close();
    }
  }
}

/**
 * Databases of `suite`'s own on the configured store (MONGO_URL, or the local stack's), for a suite
 * that uses the store alone. Call it in a `before` hook and `close` it in the `after` hook.
 */
export function createTestStore(suite: string, options: { env?: NodeJS.ProcessEnv } = {}): TestStore {
  return new TestStore(new NamespaceNames(suite), loadConfig(options.env ?? process.env).mongo.url);
}
