/**
 * Schemas go to the registry as compact JSON text, always produced the same way: Apicurio hashes
 * the raw text, so the same schema formatted differently would get a different id in another subject.
 */
export function schemaText(schema: unknown): string {
  return JSON.stringify(schema);
}

/**
 * The same schema, whatever the key order and however names are spelled. The registry hands
 * schemas back rewritten (a nested type loses a `namespace` equal to its parent's), so names are
 * compared fully qualified. Docs, defaults and aliases still count: a changed doc is a change.
 */
export function sameSchema(a: unknown, b: unknown): boolean {
  return canonical(qualifyNames(a, '')) === canonical(qualifyNames(b, ''));
}

const primitives = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const namedKinds = new Set(['record', 'error', 'enum', 'fixed']);

function qualify(name: string, namespace: string): string {
  return primitives.has(name) || name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}

/** Every name and reference fully qualified, and no `namespace` keys left. */
function qualifyNames(node: unknown, namespace: string): unknown {
  if (typeof node === 'string') return qualify(node, namespace);
  if (Array.isArray(node)) return node.map((branch) => qualifyNames(branch, namespace));
  if (typeof node !== 'object' || node === null) return node;
  const { namespace: own, ...schema } = node as Record<string, unknown>;
  const type = schema.type;
  if (typeof type === 'string' && namedKinds.has(type) && typeof schema.name === 'string') {
    const fullName = qualify(schema.name, typeof own === 'string' ? own : namespace);
    const inner = fullName.includes('.') ? fullName.slice(0, fullName.lastIndexOf('.')) : '';
    const fields = Array.isArray(schema.fields)
      ? schema.fields.map((field: unknown) =>
          typeof field === 'object' && field !== null
            ? { ...field, type: qualifyNames((field as { type?: unknown }).type, inner) }
            : field,
        )
      : schema.fields;
    return { ...schema, name: fullName, ...(fields === undefined ? {} : { fields }) };
  }
  return {
    ...schema,
    type: qualifyNames(type, namespace),
    ...('items' in schema ? { items: qualifyNames(schema.items, namespace) } : {}),
    ...('values' in schema ? { values: qualifyNames(schema.values, namespace) } : {}),
  };
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
