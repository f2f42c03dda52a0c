import { PlatformError } from '@saga/errors';

/**
 * A schema or generator problem a person must fix; nothing here is worth retrying. Every error the
 * generator raises is one of these, so the CLI prints its message and exits non-zero.
 */
export class CodegenError extends PlatformError {
  readonly retriable = false;

  constructor(
    readonly code: CodegenErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Problems found while reading schema files; a {@link SchemaLoadError} names the file. */
export type SchemaLoadErrorCode =
  | 'SCHEMA_READ_FAILED'
  | 'SCHEMA_INVALID_JSON'
  | 'SCHEMA_TOPIC_MISMATCH'
  | 'SCHEMA_TYPE_FILE_MISMATCH'
  | 'SCHEMA_ROOT_NOT_RECORD'
  | 'SCHEMA_NO_NAMESPACE'
  | 'SCHEMA_DUPLICATE_TYPE'
  | 'SCHEMA_UNKNOWN_TYPE'
  | 'SCHEMA_AVRO_INVALID';

export type CodegenErrorCode =
  | SchemaLoadErrorCode
  | 'READ_FAILED'
  | 'TOPICS_MANIFEST_INVALID'
  | 'UNSUPPORTED_TYPE'
  | 'UNSUPPORTED_LOGICAL_TYPE'
  | 'CONFLICTING_DEFINITION'
  | 'NAME_COLLISION'
  | 'USAGE';
