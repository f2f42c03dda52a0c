import type { z } from 'zod';
import type { FieldError } from '@saga/service-kit';

export interface FieldErrorOptions {
  /** The path of the whole input, when an issue is about it rather than one field. */
  readonly root: string;
  /** The message for a field the input should not have. */
  readonly unknownField: string;
}

const bodyOptions: FieldErrorOptions = { root: '(body)', unknownField: 'is not a known field' };

/**
 * zod's issues as the API's field errors: the dotted path (`items.0.quantity`, or the root for the
 * input itself) and the message. An unknown-keys issue becomes one error per unknown field, at that
 * field's own path, so a client sees exactly which field to remove.
 */
export function fieldErrorsOf(
  issues: readonly z.core.$ZodIssue[],
  options: FieldErrorOptions = bodyOptions,
): FieldError[] {
  const pathOf = (path: readonly PropertyKey[]) =>
    path.length === 0 ? options.root : path.map(String).join('.');
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), message: options.unknownField }))
      : [{ path: pathOf(issue.path), message: issue.message }],
  );
}
