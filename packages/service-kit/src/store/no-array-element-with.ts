/**
 * Filter fragment matching documents in which no element of an array of sub-documents has the given
 * field values, e.g. `noArrayElementWith({ 'holds.orderId': orderId })`: the guard of an update that
 * adds an order's entry to such an array at most once. Each entry is its own condition ("no hold of
 * this order and no refund of that one"), so one fragment carries all of a filter's such guards.
 *
 * Why not the usual `{ 'holds.orderId': { $ne: orderId } }`: FerretDB 1.x evaluates `$ne` and `$nin`
 * through a dotted path into an array of documents element by element, so the guard passes as soon as
 * *another* element differs, and the entry is added a second time (FerretDB issue 2291; measured on
 * v1.24: with holds of orders Y and X, `{ 'holds.orderId': { $ne: 'X' } }` matches). `$nor` of an
 * equality means the same on MongoDB and FerretDB evaluates it right. (`$ne` on an array of plain
 * values, like `processedMessageIds`, is right on both.)
 */
export function noArrayElementWith(fields: Readonly<Record<string, unknown>>): {
  $nor: Record<string, unknown>[];
} {
  const conditions = Object.entries(fields).map(([path, value]) => ({ [path]: value }));
  if (conditions.length === 0) throw new TypeError('noArrayElementWith needs at least one field');
  for (const [path] of Object.entries(fields)) {
    if (!path.includes('.') || path.startsWith('$')) {
      throw new TypeError(`"${path}" is not a path into an array of documents (array.field)`);
    }
  }
  return { $nor: conditions };
}
