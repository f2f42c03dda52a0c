import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { isNotFound } from './schema-catalog.ts';

/** A dead letter's value as people read it: JSON when it decodes, and why not when it does not. */
export interface DecodedValue {
  /** The value decoded with its writer's schema, as JSON (see avroToJson); null when it did not decode. */
  readonly json: unknown;
  /** The registry id in the value's Confluent header; null when the value has no such header. */
  readonly schemaId: number | null;
  /** Why the value could not be decoded (it is then shown as bytes only); null when it decoded. */
  readonly decodeError: string | null;
}

/**
 * Decodes dead letters' values through the schema registry the event client uses, with the writer's
 * own schema (the id in the value's Confluent header), so a value written by any version decodes as
 * written. Never throws: a value that cannot be decoded (no Confluent header, an unknown schema id,
 * bytes its schema cannot read, the registry away) comes back with `decodeError` saying why.
 *
 * One decoder per listing: a schema id the registry failed on is not asked for again by the same
 * decoder, so a listing of many letters waits on an absent registry once, not once per letter.
 */
export class DeadLetterValueDecoder {
  private readonly failed = new Map<number, string>();

  constructor(private readonly registry: Pick<SchemaRegistry, 'decode'>) {}

  async decode(value: Buffer | null): Promise<DecodedValue> {
    if (value === null) return { json: null, schemaId: null, decodeError: 'the message has no value' };
    if (value.length < 5)
      return { json: null, schemaId: null, decodeError: 'shorter than the 5-byte Confluent header' };
    if (value[0] !== 0)
      return { json: null, schemaId: null, decodeError: `magic byte is ${value[0]}, expected 0` };
    const schemaId = value.readInt32BE(1);
    const failed = this.failed.get(schemaId);
    if (failed !== undefined) return { json: null, schemaId, decodeError: failed };
    try {
      return { json: avroToJson(await this.registry.decode(value)), schemaId, decodeError: null };
    } catch (error) {
      if (isNotFound(error)) return this.remember(schemaId, `unknown schema id ${schemaId}`);
      if ((error as { status?: number }).status !== undefined)
        return this.remember(
          schemaId,
          `the schema registry did not answer for schema id ${schemaId}: ${(error as Error).message}`,
        );
      // The bytes themselves: the same schema may read other letters' values.
      return { json: null, schemaId, decodeError: (error as Error).message };
    }
  }

  private remember(schemaId: number, decodeError: string): DecodedValue {
    this.failed.set(schemaId, decodeError);
    return { json: null, schemaId, decodeError };
  }
}

/**
 * An Avro value as decoded with the platform's avsc options, made into something JSON holds as is:
 *
 * - `timestamp-millis` (a `Date`) becomes its ISO 8601 text, in UTC;
 * - `long` stays a number: avsc refuses to decode a long beyond 2^53 rather than round it (that value
 *   then shows as bytes with the reason), so every number shown is exact;
 * - `bytes` and `fixed` (Buffers) become base64 text; a `bigint` becomes its decimal text;
 * - a `float` or `double` that is NaN or infinite becomes the text `"NaN"`, `"Infinity"`, `"-Infinity"`;
 * - `uuid` and enums are already text; unions are bare or `{ "<branch>": value }` as avsc gives them
 *   (wrapUnions `auto`); records and maps are plain objects, arrays arrays.
 */
export function avroToJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(avroToJson);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, avroToJson(v)]));
  return value;
}
