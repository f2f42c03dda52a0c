export {
  avroPrimitives,
  isAvroPrimitive,
  type AvroArraySchemaJson,
  type AvroEnumSchemaJson,
  type AvroFieldJson,
  type AvroFixedSchemaJson,
  type AvroMapSchemaJson,
  type AvroPrimitiveName,
  type AvroPrimitiveSchemaJson,
  type AvroRecordSchemaJson,
  type AvroSchemaJson,
} from './avro-schema-json.ts';
export { loadSchemas, type LoadedSchema } from './load-schemas.ts';
export { resolveSchemas, type ResolvedSchema } from './resolve-schemas.ts';
export { isSharedTypesFile, readSchemaFiles, sharedTypesDir, type SchemaFile } from './schema-file.ts';
export { SchemaLoadError } from './schema-load-error.ts';
export { fsSchemaSource, memorySchemaSource, type SchemaSource } from './schema-source.ts';
