import type { AvroSchemaJson } from './avro-schema-json.ts';
import {
  childPath,
  describePath,
  fullNameOf,
  isJsonObject,
  isNamedDefinition,
  namespaceOf,
  qualify,
  simpleNameOf,
  type NamedDefinition,
} from './named-types.ts';
import { SchemaLoadError } from './schema-load-error.ts';

/** Finds the definition a reference written in `fromFile` means, or says why there is none. */
export type DefinitionLookup = (
  fullName: string,
  fromFile: string,
) => { found: NamedDefinition } | { missing: string };

/**
 * Makes a schema self-contained: every reference to a named type from elsewhere is replaced by
 * that type's definition where it is first used, and later uses stay references. Definitions come
 * out with an explicit `name` and `namespace` and references as full names, so the result means
 * the same wherever it is parsed (a registry, a reader with no access to the other files).
 * @throws SchemaLoadError `SCHEMA_UNKNOWN_TYPE` naming the file and place of the bad reference.
 */
export function inlineNamedTypes(root: NamedDefinition, lookup: DefinitionLookup): AvroSchemaJson {
  // Full name -> the JSON object that defined it here, to tell a second visit from a clash.
  const defined = new Map<string, Readonly<Record<string, unknown>>>();

  const rewrite = (node: unknown, namespace: string, file: string, path: string): unknown => {
    if (typeof node === 'string') return rewriteReference(node, namespace, file, path);
    if (Array.isArray(node))
      return node.map((branch, i) => rewrite(branch, namespace, file, childPath(path, `[${i}]`)));
    if (!isJsonObject(node)) return node;
    if (isNamedDefinition(node)) return rewriteDefinition(node, fullNameOf(node, namespace), file, path);
    if (node.type === 'array')
      return { ...node, items: rewrite(node.items, namespace, file, childPath(path, 'items')) };
    if (node.type === 'map')
      return { ...node, values: rewrite(node.values, namespace, file, childPath(path, 'values')) };
    return node;
  };

  const rewriteReference = (name: string, namespace: string, file: string, path: string): unknown => {
    const fullName = qualify(name, namespace);
    if (!fullName.includes('.') || defined.has(fullName)) return fullName;
    const result = lookup(fullName, file);
    if ('missing' in result) {
      const named = fullName === name ? `"${name}"` : `"${name}" (${fullName})`;
      throw new SchemaLoadError(
        'SCHEMA_UNKNOWN_TYPE',
        file,
        `unknown type ${named} at ${describePath(path)}: ${result.missing}`,
      );
    }
    const { found } = result;
    return rewriteDefinition(found.json, found.fullName, found.file, found.path);
  };

  const rewriteDefinition = (
    json: Readonly<Record<string, unknown>>,
    fullName: string,
    file: string,
    path: string,
  ): unknown => {
    // The same definition met again after an earlier reference inlined it: now a reference. (A
    // different definition of the same name stays, for avsc to report as a duplicate.)
    if (defined.get(fullName) === json) return fullName;
    defined.set(fullName, json);
    const namespace = namespaceOf(fullName);
    const out: Record<string, unknown> = { type: json.type, name: simpleNameOf(fullName), namespace };
    for (const [key, value] of Object.entries(json)) {
      if (key === 'type' || key === 'name' || key === 'namespace') continue;
      out[key] =
        key === 'fields' && Array.isArray(value)
          ? value.map((field: unknown, i) =>
              isJsonObject(field)
                ? {
                    ...field,
                    type: rewrite(field.type, namespace, file, childPath(path, `fields[${i}].type`)),
                  }
                : field,
            )
          : value;
    }
    return out;
  };

  return rewriteDefinition(root.json, root.fullName, root.file, root.path) as AvroSchemaJson;
}
