import avsc, { type Type } from 'avsc';
import { CodegenError } from '../codegen-error.ts';
import { isAvroPrimitive } from '../parse/avro-schema-json.ts';
import type { FieldModel, NamedTypeModel, RecordModel, SchemaModel, TypeModel } from './type-model.ts';

/**
 * Builds the model of a schema from the type avsc parsed it into (with the platform's options),
 * so that the model says exactly what avsc does: which unions it wrapped, which logical types it
 * applied, which defaults it accepted.
 * @throws CodegenError `UNSUPPORTED_TYPE` for a root that is not a record, or a type avsc made
 *   that the model has no kind for.
 */
export function buildModel(type: Type): SchemaModel {
  const namedTypes = new Map<string, NamedTypeModel>();

  const visit = (t: Type): TypeModel => {
    if (t instanceof avsc.types.LogicalType) {
      return {
        kind: 'logical',
        logicalType: t.typeName.slice('logical:'.length),
        underlying: visit(t.underlyingType),
      };
    }
    if (
      t instanceof avsc.types.RecordType ||
      t instanceof avsc.types.EnumType ||
      t instanceof avsc.types.FixedType
    ) {
      const fullName = t.name;
      if (fullName === undefined) {
        throw new CodegenError(
          'UNSUPPORTED_TYPE',
          `an anonymous ${t.typeName} has no TypeScript name; give it a name`,
        );
      }
      // Registered before its fields are visited, so a recursive record refers to itself.
      if (!namedTypes.has(fullName)) defineNamed(t, fullName);
      return { kind: 'named', fullName };
    }
    if (t instanceof avsc.types.ArrayType) return { kind: 'array', items: visit(t.itemsType) };
    if (t instanceof avsc.types.MapType) return { kind: 'map', values: visit(t.valuesType as Type) };
    if (t instanceof avsc.types.WrappedUnionType || t instanceof avsc.types.UnwrappedUnionType) {
      const wrapped = t instanceof avsc.types.WrappedUnionType;
      const branches = t.types.map((branch) => ({
        name: branch.branchName ?? branch.typeName,
        type: visit(branch),
      }));
      const others = branches.filter((b) => !(b.type.kind === 'primitive' && b.type.name === 'null'));
      if (!wrapped && branches.length === 2 && others.length === 1 && others[0]) {
        return { kind: 'nullable', type: others[0].type };
      }
      return { kind: 'union', wrapped, branches };
    }
    if (isAvroPrimitive(t.typeName)) return { kind: 'primitive', name: t.typeName };
    throw new CodegenError('UNSUPPORTED_TYPE', `avsc type "${t.typeName}" has no TypeScript mapping`);
  };

  const defineNamed = (
    t: avsc.types.RecordType | avsc.types.EnumType | avsc.types.FixedType,
    fullName: string,
  ) => {
    const dot = fullName.lastIndexOf('.');
    const base = {
      fullName,
      name: fullName.slice(dot + 1),
      namespace: dot < 0 ? '' : fullName.slice(0, dot),
      ...(t.doc === undefined ? {} : { doc: t.doc }),
    };
    if (t instanceof avsc.types.EnumType) {
      const fallback = (t as { default?: string }).default;
      namedTypes.set(fullName, {
        ...base,
        kind: 'enum',
        symbols: t.symbols,
        ...(fallback === undefined ? {} : { default: fallback }),
      });
    } else if (t instanceof avsc.types.FixedType) {
      namedTypes.set(fullName, { ...base, kind: 'fixed', size: t.size });
    } else {
      const fields: FieldModel[] = [];
      const record: RecordModel = { ...base, kind: 'record', fields };
      namedTypes.set(fullName, record);
      // avsc's own export of the record holds each default as schema JSON (unions unwrapped).
      const exported = (t.schema({ exportAttrs: true }) as { fields: { default?: unknown }[] }).fields;
      t.fields.forEach((field, i) => {
        const doc = (field as { doc?: string }).doc;
        const exportedField = exported[i] ?? {};
        fields.push({
          name: field.name,
          ...(doc === undefined ? {} : { doc }),
          type: visit(field.type),
          ...('default' in exportedField ? { default: { json: exportedField.default } } : {}),
        });
      });
    }
  };

  const root = visit(type);
  const record = root.kind === 'named' ? namedTypes.get(root.fullName) : undefined;
  if (record?.kind !== 'record') {
    throw new CodegenError('UNSUPPORTED_TYPE', `a schema's top level must be a record, not ${type.typeName}`);
  }
  return { root: record, namedTypes };
}
