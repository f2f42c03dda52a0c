import { randomBytes } from 'node:crypto';
import { TestNamespaceError } from './test-namespace-error.ts';

/**
 * The names of one suite's namespace, all derived from the suite's name and a random id, so that two
 * runs of the same suite (or two suites) never meet:
 *
 * - topics `test.<suite>.<id>.<topic>`: the prefix holds only characters Kafka allows in a topic;
 * - consumer groups `test.<suite>.<id>.<label>`: the same prefix, so whatever is left of the
 *   namespace on the broker is found by it;
 * - databases `test_<suite>_<id>_<label>`: the characters every store allows in a database name, and
 *   at most 63 of them (PostgreSQL's limit, under FerretDB).
 */
export class NamespaceNames {
  readonly prefix: string;
  private readonly slug: string;

  constructor(
    suite: string,
    readonly id: string = randomBytes(4).toString('hex'),
  ) {
    this.slug = suite
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40);
    if (this.slug === '')
      throw new TestNamespaceError(
        'SUITE_NAME_INVALID',
        `a test namespace needs a suite name with letters or digits, not "${suite}"`,
      );
    this.prefix = `test.${this.slug}.${id}.`;
  }

  /** A consumer group of the namespace. */
  groupId(label: string): string {
    return `${this.prefix}${label}`;
  }

  /** A database of the namespace. */
  dbName(label: string): string {
    return `test_${this.slug}_${this.id}_${label}`
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .slice(0, 63);
  }
}
