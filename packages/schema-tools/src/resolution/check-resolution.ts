import {
  describeType,
  type AvroType,
  type EnumType,
  type FixedType,
  type PrimitiveName,
  type RecordType,
  type UnionType,
} from './avro-type.ts';
import type { Direction, Violation } from './violation.ts';

/**
 * Avro 1.11 schema resolution, done statically: can every datum the writer schema may produce be
 * read with the reader schema? Instead of a yes/no (avsc's createResolver), it walks both schemas
 * side by side and returns every violation with its path. `direction` only shapes the wording:
 * in 'backward' the reader is the new schema, in 'forward' it is the old one.
 */
export function checkResolution(reader: AvroType, writer: AvroType, direction: Direction): Violation[] {
  const root = 'name' in reader && reader.kind !== 'primitive' ? reader.name : describeType(reader);
  return walk(reader, writer, root, { direction, entered: new Map() });
}

interface Walk {
  readonly direction: Direction;
  /** Record pairs being walked: meeting one again means a recursive type, already being checked. */
  readonly entered: Map<AvroType, Set<AvroType>>;
}

/** The spec's promotions, writer type to the reader types that can read it. */
const promotions: Readonly<Partial<Record<PrimitiveName, readonly PrimitiveName[]>>> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};

function walk(reader: AvroType, writer: AvroType, path: string, ctx: Walk): Violation[] {
  if (writer.kind === 'union') {
    // Every branch the writer may have used must be readable; each is checked on its own.
    return writer.branches.flatMap((branch) =>
      reader.kind === 'union'
        ? readBranch(reader, branch, path, ctx, () => unionBranchMissing(reader, writer, branch, path, ctx))
        : sameKind(reader, branch) || promotable(reader, branch)
          ? walk(reader, branch, path, ctx)
          : [unionBranchMissing(reader, writer, branch, path, ctx)],
    );
  }
  if (reader.kind === 'union') {
    return readBranch(reader, writer, path, ctx, () => typeMismatch(reader, writer, path, ctx));
  }
  if (reader.kind === 'primitive' && writer.kind === 'primitive') {
    return reader.name === writer.name || promotable(reader, writer)
      ? []
      : [typeMismatch(reader, writer, path, ctx)];
  }
  if (reader.kind === 'record' && writer.kind === 'record') return walkRecord(reader, writer, path, ctx);
  if (reader.kind === 'enum' && writer.kind === 'enum') return walkEnum(reader, writer, path, ctx);
  if (reader.kind === 'fixed' && writer.kind === 'fixed') return walkFixed(reader, writer, path, ctx);
  if (reader.kind === 'array' && writer.kind === 'array')
    return walk(reader.items, writer.items, `${path}[]`, ctx);
  if (reader.kind === 'map' && writer.kind === 'map')
    return walk(reader.values, writer.values, `${path}{}`, ctx);
  return [typeMismatch(reader, writer, path, ctx)];
}

/**
 * The spec reads a non-union writer value with the first reader branch that matches it. Matching
 * here prefers the same kind (and name), then a promotion, and takes the first candidate that
 * resolves cleanly, as Java's SchemaCompatibility (which registries run) does. If all candidates
 * have problems, those of the best one are reported, since that is the branch the author meant.
 */
function readBranch(
  reader: UnionType,
  writer: AvroType,
  path: string,
  ctx: Walk,
  noCandidate: () => Violation,
): Violation[] {
  const candidates = [
    ...reader.branches.filter((b) => sameKind(b, writer)),
    ...reader.branches.filter((b) => !sameKind(b, writer) && promotable(b, writer)),
  ];
  let best: Violation[] | undefined;
  for (const candidate of candidates) {
    const violations = walk(candidate, writer, path, ctx);
    if (violations.length === 0) return [];
    best ??= violations;
  }
  return best ?? [noCandidate()];
}

/** Same kind, and for named types a matching name: the types line up, whatever their insides. */
function sameKind(reader: AvroType, writer: AvroType): boolean {
  if (reader.kind !== writer.kind) return false;
  if (reader.kind === 'primitive') return reader.name === (writer as typeof reader).name;
  if (reader.kind === 'record' || reader.kind === 'enum' || reader.kind === 'fixed') {
    return namesMatch(reader, writer as typeof reader);
  }
  return true;
}

function promotable(reader: AvroType, writer: AvroType): boolean {
  return (
    reader.kind === 'primitive' &&
    writer.kind === 'primitive' &&
    (promotions[writer.name] ?? []).includes(reader.name)
  );
}

/** Avro 1.11 matches named types on the unqualified name; the reader's aliases may name the writer's type. */
function namesMatch(
  reader: RecordType | EnumType | FixedType,
  writer: RecordType | EnumType | FixedType,
): boolean {
  return (
    reader.name === writer.name ||
    reader.aliases.some((alias) => alias === writer.fullName || alias.endsWith(`.${writer.name}`))
  );
}

function walkRecord(reader: RecordType, writer: RecordType, path: string, ctx: Walk): Violation[] {
  if (!namesMatch(reader, writer)) return [nameMismatch(reader, writer, path, ctx)];
  const seen = ctx.entered.get(reader) ?? new Set<AvroType>();
  if (seen.has(writer)) return [];
  ctx.entered.set(reader, seen.add(writer));
  try {
    return reader.fields.flatMap((field) => {
      const fieldPath = `${path}.${field.name}`;
      // A writer field matches by name, or by one of the reader field's aliases (a rename).
      const written =
        writer.fields.find((f) => f.name === field.name) ??
        writer.fields.find((f) => field.aliases.includes(f.name));
      if (written) return walk(field.type, written.type, fieldPath, ctx);
      return field.hasDefault ? [] : [missingField(field.name, fieldPath, ctx)];
    });
  } finally {
    seen.delete(writer);
  }
}

function walkEnum(reader: EnumType, writer: EnumType, path: string, ctx: Walk): Violation[] {
  if (!namesMatch(reader, writer)) return [nameMismatch(reader, writer, path, ctx)];
  const unknown = writer.symbols.filter((s) => !reader.symbols.includes(s));
  // An enum default is what the reader substitutes for a symbol it does not know.
  if (unknown.length === 0 || reader.default !== undefined) return [];
  const list = unknown.join(', ');
  const plural = unknown.length === 1 ? 'symbol' : 'symbols';
  return [
    ctx.direction === 'backward'
      ? {
          code: 'ENUM_SYMBOL_MISSING',
          path,
          message: `enum ${reader.name} no longer has ${plural} ${list}, which data written with the old schema may hold, and the new enum has no default`,
          fix: `keep the ${plural} ${list} in enum ${reader.name}, or add a "default" symbol to it so unknown symbols read as that`,
        }
      : {
          code: 'ENUM_SYMBOL_MISSING',
          path,
          message: `enum ${reader.name} gained ${plural} ${list}, which the old schema cannot read because its enum has no default`,
          fix: `add a "default" symbol to enum ${reader.name} in the old schema first (and deploy it), then add ${list}`,
        },
  ];
}

function walkFixed(reader: FixedType, writer: FixedType, path: string, ctx: Walk): Violation[] {
  if (!namesMatch(reader, writer)) return [nameMismatch(reader, writer, path, ctx)];
  if (reader.size === writer.size) return [];
  const [before, after] = ctx.direction === 'backward' ? [writer, reader] : [reader, writer];
  return [
    {
      code: 'FIXED_SIZE_MISMATCH',
      path,
      message: `fixed ${reader.name} changed size from ${before.size} to ${after.size} bytes`,
      fix: `keep fixed ${reader.name} at ${before.size} bytes; put values of the new size in a new field with a default`,
    },
  ];
}

function missingField(name: string, path: string, ctx: Walk): Violation {
  return ctx.direction === 'backward'
    ? {
        code: 'FIELD_MISSING_DEFAULT',
        path,
        message: `field "${name}" was added without a default, so the new schema cannot read data written without it`,
        fix: `add a default to field "${name}" (optional: type ["null", …] with "default": null); if it was renamed, list the old name in its "aliases"`,
      }
    : {
        code: 'FIELD_MISSING_DEFAULT',
        path,
        message: `field "${name}" was removed, and the old schema has no default for it, so old readers cannot read new data`,
        fix: `keep the removed field with a default, or add a default in the old schema first (and deploy it), then remove "${name}"`,
      };
}

function typeMismatch(reader: AvroType, writer: AvroType, path: string, ctx: Walk): Violation {
  const [before, after] = ctx.direction === 'backward' ? [writer, reader] : [reader, writer];
  const reads =
    ctx.direction === 'backward'
      ? `the new schema cannot read ${describeType(writer)} written with the old schema`
      : `the old schema cannot read ${describeType(writer)} written with the new schema`;
  const order =
    ctx.direction === 'backward'
      ? 'the new type must be the old one or a promotion of it'
      : 'the old type must be the new one or a promotion of it';
  return {
    code: 'TYPE_MISMATCH',
    path,
    message: `type changed from ${describeType(before)} to ${describeType(after)}: ${reads}`,
    fix: `use a promotable type (${order}: int → long → float → double, string ↔ bytes), or add a new field with a default and keep the old one`,
  };
}

function unionBranchMissing(
  reader: AvroType,
  writer: UnionType,
  branch: AvroType,
  path: string,
  ctx: Walk,
): Violation {
  const value = describeType(branch);
  return ctx.direction === 'backward'
    ? {
        code: 'UNION_BRANCH_MISSING',
        path,
        message: `type changed from ${describeType(writer)} to ${describeType(reader)}: the new schema cannot read ${value} values written with the old schema`,
        fix: `keep ${value} as a branch of the type`,
      }
    : {
        code: 'UNION_BRANCH_MISSING',
        path,
        message: `type changed from ${describeType(reader)} to ${describeType(writer)}: the old schema cannot read ${value} values written with the new schema`,
        fix: `do not give the type branches old readers lack; add a new optional field (["null", …], "default": null) instead`,
      };
}

function nameMismatch(
  reader: RecordType | EnumType | FixedType,
  writer: RecordType | EnumType | FixedType,
  path: string,
  ctx: Walk,
): Violation {
  const [before, after] = ctx.direction === 'backward' ? [writer, reader] : [reader, writer];
  return {
    code: 'NAME_MISMATCH',
    path,
    message: `${reader.kind} renamed from ${before.fullName} to ${after.fullName}: Avro matches named types by name`,
    fix:
      ctx.direction === 'backward'
        ? `keep the name ${before.name}, or add "${before.fullName}" to the "aliases" of ${after.name}`
        : `keep the name ${before.name}: old readers only know that name`,
  };
}
