import avsc, { type Schema, type Type } from 'avsc';

// RFC 9562 textual form, any version; either case, as the RFC asks readers to accept.
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a UUID in its canonical 8-4-4-4-12 textual form. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/**
 * `uuid` kept as a JS string: a `string` on the wire.
 *
 * Encoding refuses a string that is not a UUID, so a malformed id never reaches a topic.
 * Decoding passes strings through unchanged: a message already on a topic is not made
 * unreadable by a stricter reader (that would stall a consumer on one bad record).
 */
export class UuidType extends avsc.types.LogicalType {
  constructor(schema: Schema, opts?: object) {
    super(schema, opts);
    // Throwing here makes avsc fall back to the plain underlying type, as the Avro spec asks.
    if (!avsc.Type.isType(this.underlyingType, 'string')) {
      throw new Error(`uuid must annotate a string, not ${this.underlyingType.typeName}`);
    }
  }

  protected override _fromValue(value: string): string {
    return value;
  }

  protected override _toValue(value: unknown): string | undefined {
    return isUuid(value) ? value : undefined;
  }

  protected override _resolve(writer: Type): ((value: unknown) => string) | undefined {
    if (avsc.Type.isType(writer, 'string', 'logical:uuid')) return (value) => value as string;
    return undefined;
  }
}
