import { IllegalTransitionError } from './illegal-transition-error.ts';

/**
 * The life of one order's reservation. Statuses ending in -ING are *in flight*: per-SKU work is half
 * done and must be driven to the end (by the handler, by a redelivered message, or by the recovery
 * sweep after a crash). The others are *settled*: the stock is where the status says, and the
 * reply that announced it was written in the same update that settled it.
 *
 * ```
 * RESERVING ──all held──▶ RESERVED ──commit──▶ COMMITTING ──▶ COMMITTED
 *     │                       └──release──▶ RELEASING ──▶ RELEASED
 *     └──a line failed──▶ ROLLING_BACK ──▶ FAILED
 * ```
 */
export const reservationStatuses = [
  'RESERVING',
  'RESERVED',
  'ROLLING_BACK',
  'FAILED',
  'COMMITTING',
  'COMMITTED',
  'RELEASING',
  'RELEASED',
] as const;

export type ReservationStatus = (typeof reservationStatuses)[number];

export const inFlightStatuses = ['RESERVING', 'ROLLING_BACK', 'COMMITTING', 'RELEASING'] as const;
export type InFlightStatus = (typeof inFlightStatuses)[number];
export type SettledStatus = Exclude<ReservationStatus, InFlightStatus>;

/**
 * Where a reservation starts: RESERVING normally; FAILED when the command itself cannot be reserved
 * (nothing to hold, so nothing to roll back); RELEASED when a release comes for an order nobody
 * reserved stock for, which leaves a marker so that a late reserve for that order holds nothing.
 */
export const initialStatuses = ['RESERVING', 'FAILED', 'RELEASED'] as const;
export type InitialStatus = (typeof initialStatuses)[number];

/** Every legal move, as data. Nothing leaves a settled status except RESERVED, which a command moves on. */
export const reservationTransitions: Readonly<Record<ReservationStatus, readonly ReservationStatus[]>> = {
  RESERVING: ['RESERVED', 'ROLLING_BACK'],
  ROLLING_BACK: ['FAILED'],
  RESERVED: ['COMMITTING', 'RELEASING'],
  COMMITTING: ['COMMITTED'],
  RELEASING: ['RELEASED'],
  FAILED: [],
  COMMITTED: [],
  RELEASED: [],
};

export function isInFlight(status: ReservationStatus): status is InFlightStatus {
  return (inFlightStatuses as readonly ReservationStatus[]).includes(status);
}

export function isSettled(status: ReservationStatus): status is SettledStatus {
  return !isInFlight(status);
}

export function canTransition(from: ReservationStatus, to: ReservationStatus): boolean {
  return reservationTransitions[from].includes(to);
}

/** @throws IllegalTransitionError when the table does not allow `from` → `to`. */
export function assertTransition(orderId: string, from: ReservationStatus, to: ReservationStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(orderId, from, to);
}
