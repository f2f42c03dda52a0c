/** The Avro primitive type names; always in the null namespace. */
export const avroPrimitives = [
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
] as const;

export type AvroPrimitiveName = (typeof avroPrimitives)[number];

/**
 * An Avro schema as JSON: a type name, a union (array of schemas) or a type object. Narrow on
 * `typeof`, `Array.isArray` and `type`; attributes beyond the spec's (e.g. `logicalType`) are kept.
 */
export type AvroSchemaJson =
  | string
  | AvroSchemaJson[]
  | AvroRecordSchemaJson
  | AvroEnumSchemaJson
  | AvroFixedSchemaJson
  | AvroArraySchemaJson
  | AvroMapSchemaJson
  | AvroPrimitiveSchemaJson;

export interface AvroRecordSchemaJson {
  type: 'record' | 'error';
  name: string;
  namespace?: string;
  doc?: string;
  aliases?: string[];
  fields: AvroFieldJson[];
  [attribute: string]: unknown;
}

export interface AvroFieldJson {
  name: string;
  type: AvroSchemaJson;
  doc?: string;
  default?: unknown;
  order?: 'ascending' | 'descending' | 'ignore';
  aliases?: string[];
  [attribute: string]: unknown;
}

export interface AvroEnumSchemaJson {
  type: 'enum';
  name: string;
  namespace?: string;
  doc?: string;
  aliases?: string[];
  symbols: string[];
  default?: string;
  [attribute: string]: unknown;
}

export interface AvroFixedSchemaJson {
  type: 'fixed';
  name: string;
  namespace?: string;
  doc?: string;
  aliases?: string[];
  size: number;
  [attribute: string]: unknown;
}

export interface AvroArraySchemaJson {
  type: 'array';
  items: AvroSchemaJson;
  [attribute: string]: unknown;
}

export interface AvroMapSchemaJson {
  type: 'map';
  values: AvroSchemaJson;
  [attribute: string]: unknown;
}

export interface AvroPrimitiveSchemaJson {
  type: AvroPrimitiveName;
  logicalType?: string;
  [attribute: string]: unknown;
}

const primitiveNames: ReadonlySet<string> = new Set(avroPrimitives);

/** Whether a type name is one of Avro's primitives (which no namespace applies to). */
export function isAvroPrimitive(name: string): name is AvroPrimitiveName {
  return primitiveNames.has(name);
}
