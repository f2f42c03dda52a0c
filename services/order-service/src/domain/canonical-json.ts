/**
 * JSON with object keys sorted at every depth and no whitespace, so two bodies that mean the same
 * (`{"a":1,"b":2}` and `{ "b": 2, "a": 1 }`) have the same text. Array order is kept: it is meaning.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => [key, sortKeys(object[key])]),
  );
}
