/**
 * One thing the checker found wrong.
 * - lost: an accepted order (or a message or step it caused) that never reached an end;
 * - duplicated: a side effect applied more than once (two charges, two sagas, a hold taken twice...);
 * - unexpected: an end the inputs do not allow (CONFIRMED without a charge, CANCELLED but still charged...);
 * - conservation: units or money created or destroyed;
 * - history: a saga whose own record contradicts itself or its order.
 */
export type FaultKind = 'lost' | 'duplicated' | 'unexpected' | 'conservation' | 'history';

export const faultKinds: readonly FaultKind[] = [
  'lost',
  'duplicated',
  'unexpected',
  'conservation',
  'history',
];

export interface Fault {
  readonly kind: FaultKind;
  /** What it is about: an order id, a SKU, a customer or a saga id. */
  readonly subject: string;
  readonly message: string;
}

export const fault = (kind: FaultKind, subject: string, message: string): Fault => ({
  kind,
  subject,
  message,
});
