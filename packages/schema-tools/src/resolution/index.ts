export {
  describeType,
  InvalidAvroSchemaError,
  parseAvroType,
  type AvroType,
  type FieldType,
} from './avro-type.ts';
export { checkResolution } from './check-resolution.ts';
export { compareSchemas, type DirectionalCheck } from './compare-schemas.ts';
export type { Direction, Violation, ViolationCode } from './violation.ts';
