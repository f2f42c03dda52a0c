import type Router from '@koa/router';
import type mongoose from 'mongoose';
import type { Config } from '@saga/config';
import type { TopicMessageMap, TopicName } from '@saga/contracts';
import type { EventClient, MessageContext } from '@saga/events';
import type { Logger } from '@saga/logging';
import type { PlatformMetrics } from '@saga/metrics';
import type { OutboxRelay } from '../outbox/outbox-relay.ts';
import type { AnyModel } from '../store/any-model.ts';
import type { SingleWriter } from '../store/single-writer.ts';
import type { AggregateRuntime } from '../aggregate/aggregate-runtime.ts';
import type { ServiceApi } from '../api/service-api.ts';

export type ServiceName = 'order-service' | 'orchestrator-service' | 'inventory-service' | 'payment-service';

/** What a running service hands its handlers, routes and start hook. */
export interface ServiceContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly events: EventClient<TopicMessageMap>;
  readonly db: mongoose.Connection;
  /** Nudge it after a write that filled an outbox, so the messages go out now rather than at the next poll. */
  readonly relay: OutboxRelay;
  /** Every write to a document runs through it (single-writer.ts); the store connection refuses others. */
  readonly writer: SingleWriter;
  /** The one write path (read, decide, guarded write with dedupe and outbox), on `writer`. */
  readonly aggregates: AggregateRuntime;
  /** This service's metrics (GET /metrics): what a service measures of its own is recorded here. */
  readonly metrics: PlatformMetrics;
}

/** A handler per consumed topic, each typed by its topic's message. */
export type ServiceHandlers = {
  [T in TopicName]?: (value: TopicMessageMap[T], context: MessageContext) => Promise<void>;
};

/**
 * A service as data: what it is, what it talks, what it stores and what it answers.
 * `runService` does all the connecting, checking, relaying and shutting down.
 */
export interface ServiceDefinition {
  readonly name: ServiceName;
  readonly port: (config: Config) => number;
  /** Topics it publishes (directly or through its outbox): their schemas must be registered exactly as generated. */
  readonly publishes: readonly TopicName[];
  /** Topics it consumes: each needs a handler, and the code's schema must read every registered version. */
  readonly consumes: readonly TopicName[];
  /** mongoose models built on ctx.db; those with an `outbox` array are relayed */
  readonly models: (db: mongoose.Connection) => AnyModel[];
  /**
   * The Kafka key a document of a collection is written under (a saga's order id), for a service that
   * runs as several replicas: each then writes, outside its consumer, only the documents of the keys
   * its consumer group gave it (`ctx.events.ownership`). Undefined (or undefined for a collection):
   * the process writes every document of it, so the service runs as one replica.
   */
  readonly keyOfDocument?: (
    collectionName: string,
    doc: Readonly<Record<string, unknown>>,
  ) => string | undefined;
  readonly handlers?: (ctx: ServiceContext) => ServiceHandlers;
  readonly routes?: (router: Router, ctx: ServiceContext) => void;
  /** The operations `routes` mounts, described: GET /openapi.json serves them (openapi-document.ts). */
  readonly api?: ServiceApi;
  /** e.g. a recovery sweep for work a crash interrupted */
  readonly onStart?: (ctx: ServiceContext) => Promise<void>;
  /** Stops what onStart began (a timer loop, say); runs first on stop, while the store is still open. */
  readonly onStop?: (ctx: ServiceContext) => Promise<void>;
}

/** Identity, so a definition object literal is checked against ServiceDefinition where it is written. */
export function defineService(definition: ServiceDefinition): ServiceDefinition {
  return definition;
}
