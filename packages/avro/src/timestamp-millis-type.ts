import avsc, { type Schema, type Type } from 'avsc';

// The largest instant a JS Date can hold, in ms either side of the epoch (ECMA-262 §21.4.1.1).
const MAX_DATE_MS = 8.64e15;

/**
 * `timestamp-millis` as a JS `Date`: a `long` of milliseconds since the epoch on the wire.
 *
 * Encoding accepts only valid `Date`s (not numbers or strings), so a value that type-checks as the
 * generated `Date` field is exactly a value that encodes. Decoding refuses a long outside the range
 * a `Date` can hold rather than handing out an Invalid Date.
 */
export class TimestampMillisType extends avsc.types.LogicalType {
  constructor(schema: Schema, opts?: object) {
    super(schema, opts);
    // Throwing here makes avsc fall back to the plain underlying type, as the Avro spec asks
    // for a logical type on the wrong underlying type.
    if (!avsc.Type.isType(this.underlyingType, 'long')) {
      throw new Error(`timestamp-millis must annotate a long, not ${this.underlyingType.typeName}`);
    }
  }

  protected override _fromValue(value: number): Date {
    if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_DATE_MS) {
      throw new Error(`timestamp-millis ${value} is outside the range of a Date`);
    }
    return new Date(value);
  }

  protected override _toValue(value: unknown): number | undefined {
    return value instanceof Date && !Number.isNaN(value.getTime()) ? value.getTime() : undefined;
  }

  protected override _resolve(writer: Type): ((value: unknown) => Date) | undefined {
    // Same logical type: the writer's own reader already made a Date; a copy keeps callers
    // from sharing one mutable Date between decoded values.
    if (avsc.Type.isType(writer, 'logical:timestamp-millis'))
      return (value) => new Date((value as Date).getTime());
    if (avsc.Type.isType(writer, 'long')) return (value) => this._fromValue(value as number);
    return undefined;
  }
}
