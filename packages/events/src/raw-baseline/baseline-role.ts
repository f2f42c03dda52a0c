import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { Logger } from '@saga/logging';
import type { KafkaConnectionOptions } from '../kafka-client-options.ts';
import { kafkaLogBridge } from '../kafka-log-bridge.ts';
import { kafkajsConnection } from '../kafkajs-connection.ts';
import { OrderDriver } from './order-driver.ts';
import { Relay, type Routes } from './relay.ts';
import type { RelaySettings } from './relay-settings.ts';

export interface BaselineRoleOptions {
  /** The saga role it plays (`order`, `orchestrator`, ...): its client id is `bench-raw-<role>`. */
  readonly role: string;
  readonly connection: KafkaConnectionOptions;
  readonly groupId: string;
  readonly routes: Routes;
  /** The order role's first topic, by the broker's name: only that role starts pipelines. */
  readonly firstTopic?: string;
  readonly logger: Logger;
  /** The consumer died and the client will not restart it: the role cannot go on. */
  readonly onFatal: (error: unknown) => void;
}

/**
 * One role of the raw pipeline on the bare client: a kafkajs producer and a relay consuming the role's
 * topics, with nothing of the platform in between (no registry, no store, no event client). It is
 * the client's own baseline, kept here next to the seam that wraps the client, so that the bench
 * measures the same client the platform runs on; the bench's role process drives it.
 */
export class BaselineRole {
  private readonly producer: Producer;
  private readonly relay: Relay;
  private readonly driver: OrderDriver | undefined;

  private constructor(options: BaselineRoleOptions, kafka: Kafka, producer: Producer) {
    this.producer = producer;
    this.driver =
      options.firstTopic === undefined ? undefined : new OrderDriver(producer, options.firstTopic);
    this.relay = new Relay({
      kafka,
      producer,
      groupId: options.groupId,
      routes: options.routes,
      onFinal: (orderId) => {
        this.driver?.complete(orderId);
      },
      onFatal: options.onFatal,
    });
  }

  /** Connects the role's producer; `consume` joins its group. */
  static async start(options: BaselineRoleOptions): Promise<BaselineRole> {
    const kafka = new Kafka({
      clientId: `bench-raw-${options.role}`,
      ...kafkajsConnection(options.connection),
      logLevel: logLevel.WARN,
      logCreator: kafkaLogBridge(options.logger),
    });
    // acks=all on every send (kafkajs's default), as the platform's producers; not idempotent, which
    // would cap it at one request in flight and is a guarantee the raw pipeline does not need.
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return new BaselineRole(options, kafka, producer);
  }

  /** (Re)joins the role's group with `settings`; resolves once the consumer has joined and runs. */
  consume(settings: RelaySettings): Promise<void> {
    return this.relay.start(settings);
  }

  /** The order role's driver, which starts pipelines and times them; undefined for the other roles. */
  get orders(): OrderDriver | undefined {
    return this.driver;
  }

  /** Leaves the group and disconnects the producer. */
  async stop(): Promise<void> {
    await this.relay.stop();
    await this.producer.disconnect();
  }
}
