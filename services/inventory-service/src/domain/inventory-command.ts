import type { CommitInventory, ReleaseInventory, ReserveInventory } from '@saga/contracts';

/** A command from the orchestrator, tagged with its kind. */
export type InventoryCommand =
  | { readonly kind: 'reserve'; readonly message: ReserveInventory }
  | { readonly kind: 'commit'; readonly message: CommitInventory }
  | { readonly kind: 'release'; readonly message: ReleaseInventory };

/** What is needed of the Kafka message besides its value: its id (the ce_id, to dedupe) and its trace. */
export interface CommandContext {
  readonly id: string;
  readonly traceparent: string;
}
