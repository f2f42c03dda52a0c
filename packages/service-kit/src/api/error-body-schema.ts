import { z } from 'zod';
import type { ErrorBody } from '../http/error-middleware.ts';
import type { Conforms } from './conforms.ts';

/** The body of every error answer (error-middleware.ts renders it), one schema for all operations. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .meta({ description: 'What went wrong, for programs: VALIDATION_FAILED, NOT_FOUND...' }),
      message: z.string().meta({ description: 'What went wrong, for people' }),
      details: z
        .unknown()
        .optional()
        .meta({ description: 'For VALIDATION_FAILED, every field error: [{ path, message }]' }),
    }),
  })
  .meta({ id: 'ErrorBody' });

/** Compiles only while the schema describes what the middleware renders: a change to either shows here. */
export type ErrorBodyDescribed = Conforms<z.output<typeof errorBodySchema>, ErrorBody>;
