/**
 * Filter fragment matching documents in which some element of an array of sub-documents has the given
 * field values, e.g. `arrayElementWith({ 'holds.orderId': orderId })`: the guard of an update that
 * removes or settles an order's entry. It means `{ 'holds.orderId': orderId }`, wrapped in `$and`.
 *
 * Why the wrapping: FerretDB 1.24 on PostgreSQL pushes an update's (and a delete's or findAndModify's)
 * top-level equalities down into SQL, where a dotted path into an array of documents finds nothing
 * (`_jsonb #> '{holds,orderId}'` is null for an array), so the update matches no document although
 * `find` with the same filter finds it (measured). Top-level operators such as `$and` are never
 * pushed down, and FerretDB's own evaluation of them is right; on MongoDB the two forms are the same.
 * Each entry is its own condition, so one fragment carries all of a filter's such guards.
 */
export function arrayElementWith(fields: Readonly<Record<string, unknown>>): {
  $and: Record<string, unknown>[];
} {
  const conditions = Object.entries(fields).map(([path, value]) => ({ [path]: value }));
  if (conditions.length === 0) throw new TypeError('arrayElementWith needs at least one field');
  for (const [path] of Object.entries(fields)) {
    if (!path.includes('.') || path.startsWith('$')) {
      throw new TypeError(`"${path}" is not a path into an array of documents (array.field)`);
    }
  }
  return { $and: conditions };
}
