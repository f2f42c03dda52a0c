// A type test run by `npx tsc -p tsconfig.json`, not by mocha. Each `@ts-expect-error` marks a value
// the generated contracts must reject: if one ever compiles, its directive is unused, which is
// itself an error, so the typecheck fails as soon as a generated type becomes too loose.
import { subjectOf, Topics } from '@saga/contracts';
import type {
  CancelOrder,
  CancelReason,
  InventoryReserved,
  OrderCreated,
  TopicEnvelope,
  TopicMessageMap,
  TopicName,
} from '@saga/contracts';
import type { MultiBranchUnion } from './fixtures/MultiBranchUnion.expected.ts';

declare function publish<T extends TopicName>(topic: T, message: TopicMessageMap[T]): void;
declare const created: OrderCreated;
declare const cancel: CancelOrder;
declare const reserved: InventoryReserved;
declare const union: MultiBranchUnion;
const { orderId, sagaId } = cancel;

// Valid uses first: an error below must come from its value, not from a type that accepts nothing.
publish(Topics.OrderCancel, cancel);
publish('order.created', { ...created, note: 'leave at the door' });
({ ...reserved, expiresAt: null }) satisfies InventoryReserved;
({ ...union, method: { 'io.saga.fixtures.Wallet': { provider: 'acme' } } }) satisfies MultiBranchUnion;
subjectOf('order.cancel') satisfies 'order.cancel-value';

// @ts-expect-error: CANCELLED is not a CancelReason symbol
'CANCELLED' satisfies CancelReason;
// @ts-expect-error: cancelledAt is required
({ orderId, sagaId, reason: 'OUT_OF_STOCK', detail: null }) satisfies CancelOrder;
// @ts-expect-error: a defaulted nullable field is still required; null is the way to leave it out
({ ...created, note: undefined }) satisfies OrderCreated;
// @ts-expect-error: amountMinor is a long, so a number, not a string
({ ...created, total: { amountMinor: '2999', currency: 'EUR' } }) satisfies OrderCreated;
// @ts-expect-error: timestamp-millis is a Date, not epoch millis
({ ...created, createdAt: 1714979289123 }) satisfies OrderCreated;
// @ts-expect-error: nor an ISO string
({ ...created, createdAt: '2024-05-06T07:08:09Z' }) satisfies OrderCreated;
// @ts-expect-error: an optional timestamp is still a Date or null
({ ...reserved, expiresAt: 0 }) satisfies InventoryReserved;
// @ts-expect-error: items is an array of order lines
({ ...created, items: created.items[0] }) satisfies OrderCreated;
// @ts-expect-error: a field the schema does not have
({ ...cancel, comment: 'not in the schema' }) satisfies CancelOrder;
// @ts-expect-error: order.confirm carries ConfirmOrder, not CancelOrder
publish('order.confirm', cancel);
// @ts-expect-error: order.cancel carries CancelOrder, not OrderCreated
publish(Topics.OrderCancel, created);
// @ts-expect-error: no such topic
publish('order.deleted', created);
// @ts-expect-error: a wrapped union holds its value under the branch name
({ ...union, amount: 1 }) satisfies MultiBranchUnion;
// @ts-expect-error: exactly one branch, not two
({ ...union, amount: { int: 1, long: 1 } }) satisfies MultiBranchUnion;
// @ts-expect-error: subjectOf keeps the topic in its type
subjectOf('order.created') satisfies 'order.cancel-value';

// An envelope narrows its message by its topic.
declare const envelope: TopicEnvelope;
if (envelope.topic === 'order.cancel') {
  envelope.message satisfies CancelOrder;
  // @ts-expect-error: narrowed to CancelOrder, which is not an OrderCreated
  envelope.message satisfies OrderCreated;
}
