import { CodegenError, type SchemaLoadErrorCode } from '../codegen-error.ts';

/** A schema file that cannot be loaded. The message starts with the file, then says what is wrong there. */
export class SchemaLoadError extends CodegenError {
  declare readonly code: SchemaLoadErrorCode;

  constructor(
    code: SchemaLoadErrorCode,
    /** The file at fault, relative to the schemas directory. */
    readonly file: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(code, `${file}: ${problem}`, options);
  }
}
