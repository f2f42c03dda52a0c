import { randomUUID } from 'node:crypto';
import type { KafkaAdmin, KafkaCluster } from '@saga/events';
import type { Routes } from '@saga/events/raw-baseline';
import { cleanUpKafkaNamespace } from '@saga/testing';
import { hops, type Role } from './hops.ts';
import { KafkaUnreachableError } from './kafka-unreachable-error.ts';

/** Partitions of every topic, as the stack makes the saga's own. */
const PARTITIONS = 3;
/** Groups take a moment to empty after their members leave; deletion is retried this long. */
const GROUP_DELETION_MS = 15_000;
/** New topics' partitions may answer "not the leader" for a moment; they get this long to settle. */
const TOPIC_READY_MS = 30_000;

/**
 * The raw pipeline's own corner of a shared broker: the saga's topic names under a prefix unique to
 * the run (`bench.raw.<run id>.order.created`, ...), and one consumer group per role under the same
 * prefix. Other users of the broker (test suites, the services) never see these topics, and
 * `remove` deletes the topics and groups again, whatever state the run ended in.
 */
export class RawNamespace {
  readonly prefix: string;

  constructor(
    private readonly kafka: KafkaCluster,
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
      await admin.createTopics(topics.map((topic) => ({ topic, partitions: PARTITIONS })));
      await this.untilAnswering(admin, topics);
    });
  }

  /** Asks each topic for its offsets until every one answers, for up to TOPIC_READY_MS. */
  private async untilAnswering(admin: KafkaAdmin, topics: readonly string[]): Promise<void> {
    const deadline = Date.now() + TOPIC_READY_MS;
    for (;;) {
      try {
        for (const topic of topics) await admin.topicOffsets(topic);
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

  private async withAdmin(work: (admin: KafkaAdmin) => Promise<void>): Promise<void> {
    let admin: KafkaAdmin;
    try {
      admin = await this.kafka.admin();
    } catch (error) {
      throw new KafkaUnreachableError(this.kafka.brokers, { cause: error });
    }
    try {
      await work(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
