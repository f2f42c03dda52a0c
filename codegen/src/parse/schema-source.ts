import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { SchemaLoadError } from './schema-load-error.ts';

/**
 * Where schema files come from: a directory, a git commit, an in-memory set in a test. Paths are
 * relative to the schemas directory and use `/`, e.g. `order/order.created.avsc`.
 */
export interface SchemaSource {
  /** Every schema file, sorted. A source may list other files too; loaders keep only `.avsc`. */
  list(): Promise<string[]>;
  read(path: string): Promise<string>;
}

/** The `.avsc` files under `dir`, at any depth. */
export function fsSchemaSource(dir: string): SchemaSource {
  return {
    async list() {
      let entries;
      try {
        entries = await readdir(dir, { recursive: true, withFileTypes: true });
      } catch (error) {
        throw new SchemaLoadError(
          'SCHEMA_READ_FAILED',
          dir,
          `cannot list the schemas directory: ${String(error)}`,
          {
            cause: error,
          },
        );
      }
      return entries
        .filter((entry) => entry.isFile() && entry.name.endsWith('.avsc'))
        .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
        .sort();
    },
    read(path) {
      return readFile(join(dir, ...path.split('/')), 'utf8');
    },
  };
}

/** Schema files held in memory, keyed by path: for tests and for tools that build schemas on the fly. */
export function memorySchemaSource(files: Readonly<Record<string, string>>): SchemaSource {
  return {
    list() {
      return Promise.resolve(Object.keys(files).sort());
    },
    read(path) {
      const text = files[path];
      return text === undefined
        ? Promise.reject(new Error(`no such schema file: ${path}`))
        : Promise.resolve(text);
    },
  };
}
