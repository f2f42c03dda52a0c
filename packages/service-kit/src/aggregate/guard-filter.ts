import { arrayElementWith } from '../store/array-element-with.ts';

/**
 * A decision's guard as the store is sent it. Decisions write the natural MongoDB form, e.g.
 * `{ reserved: 3, 'holds.orderId': orderId }`; here a dotted path compared by equality is moved into
 * `$and` (arrayElementWith), which means the same on MongoDB. FerretDB 1.24 on PostgreSQL pushes an
 * update's top-level equalities down into SQL, where a path into an array of documents matches
 * nothing, so the update would silently miss; `$and` is evaluated by FerretDB itself, correctly
 * (measured). The store quirk stays here, in the write path, and out of the services' decisions.
 */
export function guardFilter(guard: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  const pathEqualities: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(guard)) {
    if (path.includes('.') && !path.startsWith('$') && (!isOperatorObject(value) || isEquality(value)))
      pathEqualities[path] = value;
    else kept[path] = value;
  }
  if (Object.keys(pathEqualities).length === 0) return kept;
  const earlier = Array.isArray(kept.$and) ? (kept.$and as unknown[]) : [];
  return { ...kept, $and: [...earlier, ...arrayElementWith(pathEqualities).$and] };
}

/** `{ $eq: v }`: an equality spelt as an operator, which FerretDB pushes down just the same. */
function isEquality(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.keys(value).length === 1 && '$eq' in value;
}

function isOperatorObject(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    Object.keys(value).some((key) => key.startsWith('$'))
  );
}
