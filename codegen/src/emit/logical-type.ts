import ts from 'typescript';
import { CodegenError } from '../codegen-error.ts';
import type { LogicalModel } from '../model/type-model.ts';

const f = ts.factory;

/**
 * The TypeScript type of each logical type that `avroOptions.logicalTypes` (@saga/avro) gives a
 * class: what that class's `_fromValue` returns and its `_toValue` accepts. A test checks that
 * every logical type of the runtime options is here.
 */
export const logicalTypeMappings: Readonly<Record<string, () => ts.TypeNode>> = {
  'timestamp-millis': () => f.createTypeReferenceNode('Date'),
  uuid: () => f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
};

/** @throws CodegenError `UNSUPPORTED_LOGICAL_TYPE` for one the runtime applies but codegen cannot type. */
export function logicalType({ logicalType }: LogicalModel): ts.TypeNode {
  const mapping = logicalTypeMappings[logicalType];
  if (!mapping) {
    throw new CodegenError(
      'UNSUPPORTED_LOGICAL_TYPE',
      `avsc applies logical type "${logicalType}" but codegen has no TypeScript type for it; ` +
        'add one to codegen/src/emit/logical-type.ts',
    );
  }
  return mapping();
}
