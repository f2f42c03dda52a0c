import type { ForSchemaOptions } from 'avsc';
import { TimestampMillisType } from './timestamp-millis-type.ts';
import { UuidType } from './uuid-type.ts';

/** The avsc `forSchema` options the platform fixes; a subset, so it fits any `Partial<ForSchemaOptions>`. */
export type AvroOptions = Readonly<
  Pick<ForSchemaOptions, 'wrapUnions' | 'omitRecordMethods' | 'logicalTypes'>
>;

/**
 * How Avro values look in JavaScript, for every encoder, decoder and the code generator alike.
 *
 * - `wrapUnions: 'auto'`: a union whose branches JS can tell apart (`["null", "string"]`, a record
 *   and a string, ...) holds the bare value; one it cannot (two records, `int` and `long`, a record
 *   and a map) holds `{ "<branch name>": value }`, so a value never lands in the wrong branch.
 * - `omitRecordMethods: true`: decoded records are plain data with no avsc methods, so a decoded
 *   value and one built by hand behave the same.
 * - `logicalTypes`: `timestamp-millis` is a `Date`; `uuid` stays a string, checked when encoding.
 *
 * Frozen, because avsc writes its type registry into the options object it is given: pass a copy
 * (`{ ...avroOptions }`) or use {@link parseAvro}. Libraries that copy before use, such as
 * `@kafkajs/confluent-schema-registry` (`{ [SchemaType.AVRO]: avroOptions }`), take it as is.
 */
export const avroOptions: AvroOptions = Object.freeze({
  wrapUnions: 'auto',
  omitRecordMethods: true,
  logicalTypes: Object.freeze({
    'timestamp-millis': TimestampMillisType,
    uuid: UuidType,
  }),
});
