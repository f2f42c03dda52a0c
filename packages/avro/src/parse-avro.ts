import avsc, { type Schema, type Type } from 'avsc';
import { avroOptions } from './avro-options.ts';

/** Any Avro schema as JSON: a type name, a union array or a type object. avsc checks the rest. */
export type AvroSchemaInput = string | object;

/**
 * Parses an Avro schema with the platform's {@link avroOptions}. Each call gets its own copy of the
 * options, so named types from one schema never leak into the next one's registry.
 */
export function parseAvro(schema: AvroSchemaInput): Type {
  return avsc.Type.forSchema(schema as Schema, { ...avroOptions });
}
