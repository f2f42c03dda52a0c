import { isAvroPrimitive } from './avro-schema-json.ts';
import type { SchemaFile } from './schema-file.ts';
import { SchemaLoadError } from './schema-load-error.ts';

/** A named type (record, enum or fixed) as written in some file. */
export interface NamedDefinition {
  /** Namespace-qualified, e.g. `io.saga.common.Money`. */
  readonly fullName: string;
  readonly file: string;
  /** Where in its file the definition sits, e.g. `fields[2].type`; empty at the top level. */
  readonly path: string;
  readonly json: Readonly<Record<string, unknown>>;
}

const namedKinds: ReadonlySet<unknown> = new Set(['record', 'error', 'enum', 'fixed']);

export function isJsonObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a schema object defines a named type (its `type` is record, error, enum or fixed). */
export function isNamedDefinition(
  json: unknown,
): json is Readonly<Record<string, unknown>> & { name: string } {
  return isJsonObject(json) && namedKinds.has(json.type) && typeof json.name === 'string';
}

/** A type name as Avro resolves it where `namespace` encloses it: dotted names and primitives stay as they are. */
export function qualify(name: string, namespace: string): string {
  return name.includes('.') || isAvroPrimitive(name) || namespace === '' ? name : `${namespace}.${name}`;
}

/** The full name a definition gets: a dotted name as is, else its own namespace or the enclosing one. */
export function fullNameOf(json: { name: string; namespace?: unknown }, enclosingNamespace: string): string {
  if (json.name.includes('.')) return json.name;
  return qualify(json.name, typeof json.namespace === 'string' ? json.namespace : enclosingNamespace);
}

export function namespaceOf(fullName: string): string {
  const dot = fullName.lastIndexOf('.');
  return dot < 0 ? '' : fullName.slice(0, dot);
}

export function simpleNameOf(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

/** Appends a step to a JSON path for messages: `fields[2]` + `type` is `fields[2].type`. */
export function childPath(path: string, step: string): string {
  return path === '' || step.startsWith('[') ? `${path}${step}` : `${path}.${step}`;
}

/** Where a path points, for messages. */
export function describePath(path: string): string {
  return path === '' ? 'the top level' : path;
}

/**
 * Every named type a file defines, nested ones included, with the namespace each inherits.
 * Malformed parts are skipped: avsc reports them later, with its own message.
 * @throws SchemaLoadError `SCHEMA_NO_NAMESPACE` for a named type outside any namespace.
 */
export function collectDefinitions({ file, json }: SchemaFile): NamedDefinition[] {
  const found: NamedDefinition[] = [];
  const visit = (node: unknown, namespace: string, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((branch, i) => {
        visit(branch, namespace, childPath(path, `[${i}]`));
      });
      return;
    }
    if (!isJsonObject(node)) return;
    if (isNamedDefinition(node)) {
      const fullName = fullNameOf(node, namespace);
      if (!fullName.includes('.')) {
        // A type in the null namespace would be re-qualified by whatever record it is inlined into.
        throw new SchemaLoadError(
          'SCHEMA_NO_NAMESPACE',
          file,
          `type "${fullName}" at ${describePath(path)} has no namespace; give it one (e.g. io.saga.<domain>)`,
        );
      }
      found.push({ fullName, file, path, json: node });
      if (Array.isArray(node.fields)) {
        node.fields.forEach((field: unknown, i) => {
          if (isJsonObject(field))
            visit(field.type, namespaceOf(fullName), childPath(path, `fields[${i}].type`));
        });
      }
    } else if (node.type === 'array') {
      visit(node.items, namespace, childPath(path, 'items'));
    } else if (node.type === 'map') {
      visit(node.values, namespace, childPath(path, 'values'));
    }
  };
  visit(json, '', '');
  return found;
}
