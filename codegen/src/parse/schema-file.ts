import type { SchemaSource } from './schema-source.ts';
import { SchemaLoadError } from './schema-load-error.ts';

/** One schema file, parsed as JSON but not yet checked as Avro. */
export interface SchemaFile {
  /** Relative to the schemas directory, e.g. `order/order.created.avsc`. */
  readonly file: string;
  readonly json: unknown;
}

/** The folder whose files hold named types shared by other schemas rather than a topic's value. */
export const sharedTypesDir = 'common';

/** Whether a file holds shared named types (`common/<Name>.avsc`) rather than a root schema. */
export function isSharedTypesFile(file: string): boolean {
  return file.startsWith(`${sharedTypesDir}/`);
}

/** Reads and JSON-parses every `.avsc` file of a source, in path order. */
export async function readSchemaFiles(source: SchemaSource): Promise<SchemaFile[]> {
  const paths = (await source.list()).filter((path) => path.endsWith('.avsc')).sort();
  const files: SchemaFile[] = [];
  for (const file of paths) {
    let text: string;
    try {
      text = await source.read(file);
    } catch (error) {
      throw new SchemaLoadError('SCHEMA_READ_FAILED', file, `cannot be read: ${String(error)}`, {
        cause: error,
      });
    }
    try {
      files.push({ file, json: JSON.parse(text) as unknown });
    } catch (error) {
      throw new SchemaLoadError(
        'SCHEMA_INVALID_JSON',
        file,
        `is not valid JSON: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }
  return files;
}
