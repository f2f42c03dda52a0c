import type { z } from 'zod';
import type { ApiOperation } from '@saga/service-kit';

/** What an operation's body schema accepts: the request body to send. */
export type BodyOf<O extends ApiOperation> = O extends { readonly body: infer S extends z.ZodType }
  ? z.input<S>
  : never;

/** What an operation's query schema accepts. */
export type QueryOf<O extends ApiOperation> = O extends { readonly query: infer S extends z.ZodType }
  ? z.input<S>
  : never;

/** The body of an operation's successful answers, as sent (any of its 2xx statuses). */
export type AnswerOf<O extends ApiOperation> = {
  [S in keyof O['responses']]: O['responses'][S] extends { readonly body: infer B extends z.ZodType }
    ? z.output<B>
    : undefined;
}[keyof O['responses']];
