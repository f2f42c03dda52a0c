import type { AvroPrimitiveName } from '../parse/avro-schema-json.ts';

/**
 * What a value of some Avro type looks like in JavaScript under the platform's avsc options.
 * Built from avsc's own parsed types, so it says what avsc does at run time, not what the schema
 * text suggests (e.g. a logical type avsc ignored is its underlying type here).
 */
export type TypeModel =
  PrimitiveModel | LogicalModel | NamedReference | ArrayModel | MapModel | NullableModel | UnionModel;

export interface PrimitiveModel {
  readonly kind: 'primitive';
  readonly name: AvroPrimitiveName;
}

/** A logical type avsc applies with its own class (the options' `logicalTypes`). */
export interface LogicalModel {
  readonly kind: 'logical';
  /** E.g. `timestamp-millis`. */
  readonly logicalType: string;
  readonly underlying: TypeModel;
}

/** A use of a record, enum or fixed, defined in the model's named types. */
export interface NamedReference {
  readonly kind: 'named';
  readonly fullName: string;
}

export interface ArrayModel {
  readonly kind: 'array';
  readonly items: TypeModel;
}

export interface MapModel {
  readonly kind: 'map';
  readonly values: TypeModel;
}

/** A union of null and one other type that avsc keeps unwrapped: the value or null. */
export interface NullableModel {
  readonly kind: 'nullable';
  readonly type: TypeModel;
}

/** Any other union, wrapped (`{ "<branch>": value }`, null bare) or unwrapped (bare values) as avsc decided. */
export interface UnionModel {
  readonly kind: 'union';
  readonly wrapped: boolean;
  readonly branches: readonly UnionBranch[];
}

export interface UnionBranch {
  /** avsc's branch name: the full name of a named type, else the (underlying) type name. */
  readonly name: string;
  readonly type: TypeModel;
}

export type NamedTypeModel = RecordModel | EnumModel | FixedModel;

interface NamedTypeBase {
  /** E.g. `io.saga.common.Money`. */
  readonly fullName: string;
  /** The last part of the full name, e.g. `Money`. */
  readonly name: string;
  readonly namespace: string;
  readonly doc?: string;
}

export interface RecordModel extends NamedTypeBase {
  readonly kind: 'record';
  readonly fields: readonly FieldModel[];
}

export interface FieldModel {
  readonly name: string;
  readonly doc?: string;
  readonly type: TypeModel;
  /** The default, as JSON in the schema, when the field has one. */
  readonly default?: { readonly json: unknown };
}

export interface EnumModel extends NamedTypeBase {
  readonly kind: 'enum';
  readonly symbols: readonly string[];
  /** The symbol a reader uses for a symbol it does not know. */
  readonly default?: string;
}

export interface FixedModel extends NamedTypeBase {
  readonly kind: 'fixed';
  readonly size: number;
}

/** One schema's model: its root record and every named type it defines, in order of first use. */
export interface SchemaModel {
  readonly root: RecordModel;
  readonly namedTypes: ReadonlyMap<string, NamedTypeModel>;
}
