import { parseAvro } from '@saga/avro';
import type { AvroSchemaJson } from './avro-schema-json.ts';
import { inlineNamedTypes, type DefinitionLookup } from './inline-named-types.ts';
import { collectDefinitions, simpleNameOf, type NamedDefinition } from './named-types.ts';
import { isSharedTypesFile, sharedTypesDir, type SchemaFile } from './schema-file.ts';
import { SchemaLoadError } from './schema-load-error.ts';

/** A root schema file made self-contained and accepted by avsc with the platform's options. */
export interface ResolvedSchema {
  readonly file: string;
  /** A record schema with every named type it uses defined inside it. */
  readonly schema: AvroSchemaJson;
}

/**
 * Resolves a set of schema files. Files in `common/` each define one shared named type, named
 * after the file (`common/Money.avsc`); every other file is a root whose top level is a record.
 * A root may use the types it defines itself and the shared ones; shared types may use each other.
 * Every file, shared ones included, must parse with avsc, so a broken shared type is caught even
 * before a root uses it.
 * @returns one self-contained schema per root file, in file order.
 * @throws SchemaLoadError naming the file and the problem.
 */
export function resolveSchemas(files: readonly SchemaFile[]): ResolvedSchema[] {
  const index = new Map<string, NamedDefinition>();
  const tops = new Map<string, NamedDefinition>();
  for (const file of files) {
    for (const definition of collectDefinitions(file)) {
      const earlier = index.get(definition.fullName);
      if (earlier) {
        throw new SchemaLoadError(
          'SCHEMA_DUPLICATE_TYPE',
          file.file,
          `type "${definition.fullName}" is already defined in ${earlier.file}; define it once and refer to it by name`,
        );
      }
      index.set(definition.fullName, definition);
      if (definition.path === '') tops.set(file.file, definition);
    }
    checkTopLevel(file, tops.get(file.file));
  }

  const lookup: DefinitionLookup = (fullName, fromFile) => {
    const found = index.get(fullName);
    if (!found) {
      return {
        missing: `no schema file defines it (shared types go in ${sharedTypesDir}/${simpleNameOf(fullName)}.avsc)`,
      };
    }
    if (found.file !== fromFile && !isSharedTypesFile(found.file)) {
      return {
        missing:
          `it is defined in ${found.file}, which other files cannot use; ` +
          `move it to ${sharedTypesDir}/${simpleNameOf(fullName)}.avsc to share it`,
      };
    }
    return { found };
  };

  const resolved: ResolvedSchema[] = [];
  for (const { file } of files) {
    const top = tops.get(file);
    if (!top) continue; // checkTopLevel has thrown for every file without one
    const schema = inlineNamedTypes(top, lookup);
    try {
      parseAvro(schema);
    } catch (error) {
      throw new SchemaLoadError('SCHEMA_AVRO_INVALID', file, `avsc rejects it: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (!isSharedTypesFile(file)) resolved.push({ file, schema });
  }
  return resolved;
}

function checkTopLevel({ file, json }: SchemaFile, top: NamedDefinition | undefined): void {
  if (isSharedTypesFile(file)) {
    const expected = file.slice(file.lastIndexOf('/') + 1, -'.avsc'.length);
    if (!top || simpleNameOf(top.fullName) !== expected) {
      throw new SchemaLoadError(
        'SCHEMA_TYPE_FILE_MISMATCH',
        file,
        `a shared types file must define one record, enum or fixed named after the file ("${expected}")` +
          (top ? `, not "${simpleNameOf(top.fullName)}"` : ''),
      );
    }
  } else if (!top || (top.json.type !== 'record' && top.json.type !== 'error')) {
    const what = Array.isArray(json) ? 'a union' : top ? `a ${String(top.json.type)}` : 'not a named type';
    throw new SchemaLoadError(
      'SCHEMA_ROOT_NOT_RECORD',
      file,
      `the top level must be a record, but it is ${what}`,
    );
  }
}
