import type mongoose from 'mongoose';

/**
 * A mongoose model of any document type. `mongoose.Model<any>` is not enough: its other type
 * parameters default to `{}`, and a model inferred from a schema (virtuals `{ id: string }`) is then
 * not assignable to it under `exactOptionalPropertyTypes`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModel = mongoose.Model<any, any, any, any, any, any, any>;
