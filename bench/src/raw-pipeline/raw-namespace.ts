import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { cleanUpKafkaNamespace } from '@saga/testing';
import { hops, type Role } from './hops.ts';
import { KafkaUnreachableError } from './kafka-unreachable-error.ts';

/** Partitions of every topic, as the stack makes the saga's own. */
const PARTITIONS = 3;
/** Groups take a moment to empty after their members leave; deletion is retried this long. */
const GROUP_DELETION_MS = 15_000;
/** New topics' partitions may answer "not the leader" for a moment; they get this long to settle. */
const TOPIC_READY_MS = 30_000;

/** Where a role's messages go: the broker's name of each topic it consumes, and of the topic it forwards to. */
export type Routes = readonly (readonly [from: string, to: string | null])[];

/**
 * The raw pipeline's own corner of a shared broker: the saga's topic names under a prefix unique to
 * the run (`bench.raw.<run id>.order.created`, ...), and one consumer group per role under the same
 * prefix. Other users of the broker (test suites, the services) never see these topics, and
 * `remove` deletes the topics and groups again, whatever state the run ended in.
 */
export class RawNamespace {
  readonly prefix: string;

  constructor(
    private readonly kafka: Kafka,
    private readonly brokers: readonly string[],
    runId: string = randomUUID().slice(0, 8),
  ) {
    this.prefix = `bench.raw.${runId}.`;
  }

  physical(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  groupId(role: Role): string {
    return `${this.prefix}${role}`;
  }

  /** What `role` consumes and where it forwards each, by the broker's names. */
  routesOf(role: Role): Routes {
    return hops
      .filter((hop) => hop.consumer === role)
      .map((hop) => [this.physical(hop.topic), hop.next === undefined ? null : this.physical(hop.next)]);
  }

  /**
   * Creates the eight topics and waits until every partition answers for its offsets: a topic just
   * created can still say "not the leader" for a moment, which would show up as a slow first pipeline.
   * @throws KafkaUnreachableError when no broker answers.
   */
  async create(): Promise<void> {
    await this.withAdmin(async (admin) => {
      const topics = hops.map((hop) => this.physical(hop.topic));
      await admin.createTopics({
        waitForLeaders: true,
        topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS })),
      });
      await this.untilAnswering(admin, topics);
    });
  }

  /** Asks each topic for its offsets until every one answers, for up to TOPIC_READY_MS. */
  private async untilAnswering(admin: Admin, topics: readonly string[]): Promise<void> {
    const deadline = Date.now() + TOPIC_READY_MS;
    for (;;) {
      try {
        for (const topic of topics) await admin.fetchTopicOffsets(topic);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  /**
   * Deletes the run's groups, then its topics, as the test kit takes its namespaces away (one helper,
   * kafka-namespace-cleanup.ts): every step is tried even when one fails.
   */
  async remove(): Promise<void> {
    await this.withAdmin((admin) =>
      cleanUpKafkaNamespace(admin, this.prefix, {
        groupDeletionMs: GROUP_DELETION_MS,
        leftBehindHint: 'The section stops its role processes first; is one of them still running?',
      }),
    );
  }

  private async withAdmin(work: (admin: Admin) => Promise<void>): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
    } catch (error) {
      throw new KafkaUnreachableError(this.brokers, { cause: error });
    }
    try {
      await work(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
