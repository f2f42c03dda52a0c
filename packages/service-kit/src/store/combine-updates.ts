import { PlatformError } from '@saga/errors';

/** Raised when two update fragments write the same field with the same operator. */
export class ConflictingUpdateError extends PlatformError {
  readonly code = 'CONFLICTING_UPDATE';
  readonly retriable = false;
  constructor(
    readonly operator: string,
    readonly field: string,
  ) {
    super(`two update fragments both use ${operator} on "${field}"; combine them by hand`);
  }
}

/**
 * Merges MongoDB update documents operator by operator, e.g. a state change, `markProcessed(id)` and
 * `appendToOutbox(entry)`, which each carry a `$push`: `{ ...a, ...b }` would keep only the last one.
 * @throws ConflictingUpdateError when two fragments set the same field with the same operator.
 */
export function combineUpdates(
  ...fragments: Record<string, unknown>[]
): Record<string, Record<string, unknown>> {
  const combined: Record<string, Record<string, unknown>> = {};
  for (const fragment of fragments) {
    for (const [operator, fields] of Object.entries(fragment)) {
      if (!operator.startsWith('$') || typeof fields !== 'object' || fields === null) {
        throw new TypeError(
          `"${operator}" is not an update operator with fields; pass operator documents only`,
        );
      }
      const target = (combined[operator] ??= {});
      for (const [field, value] of Object.entries(fields)) {
        if (field in target) throw new ConflictingUpdateError(operator, field);
        target[field] = value;
      }
    }
  }
  return combined;
}
