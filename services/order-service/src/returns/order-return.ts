import type { ReturnRejectReason } from '@saga/contracts';
import type { OrderLine } from '../domain/order-line.ts';
import type { PricedLine } from '../domain/priced-line.ts';

/**
 * Where a return is: REQUESTED by the customer; APPROVED by the return saga's first step, its
 * quantities held against what was bought; COMPLETED once restocked and refunded; REJECTED when it did
 * not fit the order or a later step failed (its quantities free again).
 */
export type ReturnStatus = 'REQUESTED' | 'APPROVED' | 'COMPLETED' | 'REJECTED';

export const returnStatuses = [
  'REQUESTED',
  'APPROVED',
  'COMPLETED',
  'REJECTED',
] as const satisfies readonly ReturnStatus[];

/** The statuses whose quantities count against what was bought: approved returns, and done ones. */
export const holdingStatuses: readonly ReturnStatus[] = ['APPROVED', 'COMPLETED'];

/**
 * One return of an order, stored in the order (the order's single writer decides every return
 * against the order's lines and its other returns, so two returns cannot both take the last unit).
 */
export interface OrderReturn {
  readonly returnId: string;
  readonly status: ReturnStatus;
  /** The lines sent back, as asked. */
  readonly items: readonly OrderLine[];
  /** The lines at the unit prices the order was charged, set when APPROVED; empty before. */
  readonly pricedLines: readonly PricedLine[];
  /** What the customer got back, in minor units of the order's currency, once COMPLETED; null before. */
  readonly refunded: number | null;
  /** Why it was REJECTED; null otherwise. */
  readonly rejectReason: ReturnRejectReason | null;
  /** The saga's or the order service's explanation of a rejection; null otherwise. */
  readonly rejectDetail: string | null;
  /** The return saga, once its first command arrived; null before. */
  readonly sagaId: string | null;
  /** The client's Idempotency-Key, if it sent one; the return id is derived from it. */
  readonly idempotencyKey: string | null;
  readonly requestedAt: Date;
  readonly updatedAt: Date;
}
