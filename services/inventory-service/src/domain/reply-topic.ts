import type { TopicName } from '@saga/contracts';

/** The replies the inventory service sends the orchestrator. */
export type ReplyTopic = Extract<
  TopicName,
  'inventory.reserved' | 'inventory.failed' | 'inventory.completed' | 'inventory.released'
>;

/** The commands it takes, by their short name. */
export type CommandKind = 'reserve' | 'commit' | 'release';
