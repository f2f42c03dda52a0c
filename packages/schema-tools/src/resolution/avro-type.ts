import { SchemaToolsError } from '../schema-tools-error.ts';

/**
 * Avro schemas as a small typed graph, so that resolution can walk two of them side by side.
 * Only what schema resolution looks at is kept. Logical types collapse to their underlying type,
 * because the Avro spec resolves them as that type. A named type is one object however often it
 * is referenced, so a recursive record is a cycle in the graph, not an endless tree.
 */
export type AvroType = PrimitiveType | RecordType | EnumType | FixedType | ArrayType | MapType | UnionType;

export const primitiveNames = [
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
] as const;
export type PrimitiveName = (typeof primitiveNames)[number];

export interface PrimitiveType {
  readonly kind: 'primitive';
  readonly name: PrimitiveName;
}

interface NamedType {
  /** The unqualified name: Avro 1.11 resolution matches named types on it. */
  readonly name: string;
  readonly fullName: string;
  /** Fully qualified, as the spec resolves an alias against the type's namespace. */
  readonly aliases: readonly string[];
}

export interface RecordType extends NamedType {
  readonly kind: 'record';
  readonly fields: readonly FieldType[];
}

export interface FieldType {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly type: AvroType;
  readonly hasDefault: boolean;
}

export interface EnumType extends NamedType {
  readonly kind: 'enum';
  readonly symbols: readonly string[];
  readonly default: string | undefined;
}

export interface FixedType extends NamedType {
  readonly kind: 'fixed';
  readonly size: number;
}

export interface ArrayType {
  readonly kind: 'array';
  readonly items: AvroType;
}

export interface MapType {
  readonly kind: 'map';
  readonly values: AvroType;
}

export interface UnionType {
  readonly kind: 'union';
  readonly branches: readonly AvroType[];
}

/** A schema the tools cannot make sense of. The loader validates schemas first, so this means a bug or a hand-made fixture. */
export class InvalidAvroSchemaError extends SchemaToolsError {
  readonly code = 'AVRO_SCHEMA_INVALID';
  readonly retriable = false;

  constructor(problem: string) {
    super(`Invalid Avro schema: ${problem}`, 'Fix the schema so that it follows the Avro 1.11 specification');
  }
}

/** Parses Avro schema JSON (an object, array or string, not its text) into the graph. */
export function parseAvroType(json: unknown): AvroType {
  return parse(json, '', new Map());
}

function isPrimitive(name: unknown): name is PrimitiveName {
  return typeof name === 'string' && (primitiveNames as readonly string[]).includes(name);
}

function qualify(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}

function lastSegment(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

function parse(json: unknown, namespace: string, names: Map<string, AvroType>): AvroType {
  if (typeof json === 'string') {
    if (isPrimitive(json)) return { kind: 'primitive', name: json };
    const named = names.get(qualify(json, namespace)) ?? names.get(json);
    if (!named) throw new InvalidAvroSchemaError(`unknown type "${json}"`);
    return named;
  }
  if (Array.isArray(json)) return { kind: 'union', branches: json.map((b) => parse(b, namespace, names)) };
  if (typeof json !== 'object' || json === null)
    throw new InvalidAvroSchemaError(`unexpected ${JSON.stringify(json)}`);
  const schema = json as Record<string, unknown>;
  const type = schema.type;
  switch (type) {
    case 'record':
    case 'error':
      return parseRecord(schema, namespace, names);
    case 'enum': {
      const { name, fullName, aliases } = parseName(schema, namespace);
      const symbols = schema.symbols;
      if (!Array.isArray(symbols) || !symbols.every((s) => typeof s === 'string')) {
        throw new InvalidAvroSchemaError(`enum ${fullName} needs a "symbols" array of strings`);
      }
      const enumType: EnumType = {
        kind: 'enum',
        name,
        fullName,
        aliases,
        symbols,
        default: typeof schema.default === 'string' ? schema.default : undefined,
      };
      return define(enumType, names);
    }
    case 'fixed': {
      const { name, fullName, aliases } = parseName(schema, namespace);
      if (typeof schema.size !== 'number')
        throw new InvalidAvroSchemaError(`fixed ${fullName} needs a "size"`);
      return define({ kind: 'fixed', name, fullName, aliases, size: schema.size }, names);
    }
    case 'array':
      return { kind: 'array', items: parse(schema.items, namespace, names) };
    case 'map':
      return { kind: 'map', values: parse(schema.values, namespace, names) };
    default:
      // {"type": "long", "logicalType": "timestamp-millis"} and the like: the spec resolves the
      // underlying type, so the logical type is dropped here. {"type": "SomeRecord"} is a reference.
      if (typeof type === 'string' || Array.isArray(type)) return parse(type, namespace, names);
      throw new InvalidAvroSchemaError(`unexpected "type": ${JSON.stringify(type)}`);
  }
}

function parseName(
  schema: Record<string, unknown>,
  enclosing: string,
): { name: string; fullName: string; aliases: string[]; namespace: string } {
  if (typeof schema.name !== 'string') {
    throw new InvalidAvroSchemaError(`a ${String(schema.type)} needs a "name"`);
  }
  const explicit = typeof schema.namespace === 'string' ? schema.namespace : enclosing;
  const fullName = qualify(schema.name, explicit);
  const namespace = fullName.includes('.') ? fullName.slice(0, fullName.lastIndexOf('.')) : '';
  const aliases = Array.isArray(schema.aliases)
    ? schema.aliases.filter((a): a is string => typeof a === 'string').map((a) => qualify(a, namespace))
    : [];
  return { name: lastSegment(fullName), fullName, aliases, namespace };
}

function define<T extends AvroType & NamedType>(type: T, names: Map<string, AvroType>): T {
  names.set(type.fullName, type);
  return type;
}

function parseRecord(
  schema: Record<string, unknown>,
  enclosing: string,
  names: Map<string, AvroType>,
): RecordType {
  const { name, fullName, aliases, namespace } = parseName(schema, enclosing);
  if (!Array.isArray(schema.fields))
    throw new InvalidAvroSchemaError(`record ${fullName} needs a "fields" array`);
  // Registered before its fields are parsed, so that a field may refer back to the record.
  const fields: FieldType[] = [];
  const record = define<RecordType>({ kind: 'record', name, fullName, aliases, fields }, names);
  for (const field of schema.fields as unknown[]) {
    if (
      typeof field !== 'object' ||
      field === null ||
      typeof (field as { name?: unknown }).name !== 'string'
    ) {
      throw new InvalidAvroSchemaError(`record ${fullName} has a field without a name`);
    }
    const f = field as Record<string, unknown>;
    fields.push({
      name: f.name as string,
      aliases: Array.isArray(f.aliases) ? f.aliases.filter((a): a is string => typeof a === 'string') : [],
      type: parse(f.type, namespace, names),
      hasDefault: Object.hasOwn(f, 'default'),
    });
  }
  return record;
}

/** A short human name for a type, as used in violation messages: `long`, `record Address`, `["null", "string"]`. */
export function describeType(type: AvroType): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'record':
    case 'enum':
      return `${type.kind} ${type.name}`;
    case 'fixed':
      return `fixed ${type.name}(${type.size})`;
    case 'array':
      return `array<${describeType(type.items)}>`;
    case 'map':
      return `map<${describeType(type.values)}>`;
    case 'union':
      return `[${type.branches.map(describeType).join(', ')}]`;
  }
}
