import type { KafkaConnectionOptions } from '@saga/events';
import type { BurstResult, RateResult, RelaySettings, Routes } from '@saga/events/raw-baseline';
import type { Role } from './hops.ts';

export type { BurstResult, RateResult };

/**
 * What the section and a role process say to each other over the child's IPC channel. Each command
 * carries an id, and the role answers it exactly once, with a result or a failure.
 */
export type RoleCommand =
  | {
      readonly kind: 'init';
      readonly role: Role;
      readonly kafka: KafkaConnectionOptions;
      readonly groupId: string;
      readonly routes: Routes;
      /** The order role's first topic, by the broker's name; the other roles get none. */
      readonly firstTopic?: string;
      readonly logLevel: string;
    }
  /** (Re)joins the role's group with these settings; answered once the consumer has joined. */
  | { readonly kind: 'consume'; readonly settings: RelaySettings }
  /** Order role: start `count` pipelines at once, answer when the last completes. */
  | { readonly kind: 'burst'; readonly count: number; readonly idPrefix: string }
  /** Order role: start pipelines at `perSecond` for `seconds`, answer with each one's latency. */
  | { readonly kind: 'rate'; readonly perSecond: number; readonly seconds: number; readonly idPrefix: string }
  | { readonly kind: 'stop' };

export type RoleRequest = RoleCommand & { readonly id: number };

export type RoleReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly id: number; readonly result?: unknown }
  | {
      readonly kind: 'failed';
      readonly id: number;
      /** `stalled`: pipelines stopped completing; anything else: the role's own error code or name. */
      readonly code: string;
      readonly message: string;
    };
