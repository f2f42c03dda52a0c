export { avroOptions, type AvroOptions } from './avro-options.ts';
export { parseAvro, type AvroSchemaInput } from './parse-avro.ts';
export { TimestampMillisType } from './timestamp-millis-type.ts';
export { isUuid, UuidType } from './uuid-type.ts';
