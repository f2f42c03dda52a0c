/**
 * A copy keeping only own enumerable properties, Dates and Buffers as they are. avsc decodes a
 * wrapped union branch into an object whose prototype carries enumerable helpers (`unwrap`, ...),
 * which chai's deep equality would count as properties.
 */
export function plainValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainValue);
  if (value === null || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value))
    return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, plainValue(v)]));
}
