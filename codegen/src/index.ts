// The loader other tools build on (schema registration, compatibility checks), then the generator's stages.
export {
  fsSchemaSource,
  loadSchemas,
  memorySchemaSource,
  readSchemaFiles,
  resolveSchemas,
  SchemaLoadError,
  type AvroArraySchemaJson,
  type AvroEnumSchemaJson,
  type AvroFieldJson,
  type AvroFixedSchemaJson,
  type AvroMapSchemaJson,
  type AvroPrimitiveName,
  type AvroPrimitiveSchemaJson,
  type AvroRecordSchemaJson,
  type AvroSchemaJson,
  type LoadedSchema,
  type ResolvedSchema,
  type SchemaFile,
  type SchemaSource,
} from './parse/index.ts';
export { CodegenError, type CodegenErrorCode, type SchemaLoadErrorCode } from './codegen-error.ts';
export {
  buildContractsModel,
  buildModel,
  type ContractsModel,
  type SchemaModel,
  type TopicModel,
} from './model/index.ts';
export { logicalTypeMappings } from './emit/logical-type.ts';
export {
  findStaleFiles,
  generate,
  schemaModule,
  writeFiles,
  type GeneratedFile,
  type StaleFile,
} from './generate/index.ts';
