import ts from 'typescript';

/** An Avro array: `T[]`, parenthesised when T is a union, `(A | B)[]`. */
export function arrayType(items: ts.TypeNode): ts.TypeNode {
  return ts.factory.createArrayTypeNode(
    ts.isUnionTypeNode(items) ? ts.factory.createParenthesizedType(items) : items,
  );
}
