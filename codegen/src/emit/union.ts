import ts from 'typescript';
import type { NullableModel, TypeModel, UnionModel } from '../model/type-model.ts';
import { propertyName } from './property-name.ts';

const f = ts.factory;

type EmitType = (model: TypeModel) => ts.TypeNode;

// One line each; prettier breaks them only if they do not fit.
const literal = (members: ts.TypeElement[]) =>
  ts.setEmitFlags(f.createTypeLiteralNode(members), ts.EmitFlags.SingleLine);
const nullType = () => f.createLiteralTypeNode(f.createNull());
const isNull = (type: TypeModel) => type.kind === 'primitive' && type.name === 'null';

/** An optional value: `T | null`. */
export function nullableType(model: NullableModel, emit: EmitType): ts.TypeNode {
  return f.createUnionTypeNode([emit(model.type), nullType()]);
}

/**
 * A union as avsc holds it. Unwrapped: the bare branch types. Wrapped: for each branch an object
 * with exactly that branch's name as key (`{ 'io.saga.Card': Card; 'io.saga.Wallet'?: never }`),
 * since avsc refuses an object with none or several. Null, bare in both, comes last.
 */
export function unionType(model: UnionModel, emit: EmitType): ts.TypeNode {
  const branches = model.branches.filter((branch) => !isNull(branch.type));
  const members = branches.map((branch) =>
    model.wrapped
      ? literal(
          branches.map((other) =>
            other === branch
              ? f.createPropertySignature(undefined, propertyName(other.name), undefined, emit(other.type))
              : f.createPropertySignature(
                  undefined,
                  propertyName(other.name),
                  f.createToken(ts.SyntaxKind.QuestionToken),
                  f.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword),
                ),
          ),
        )
      : emit(branch.type),
  );
  if (branches.length < model.branches.length) members.push(nullType());
  return f.createUnionTypeNode(members);
}
