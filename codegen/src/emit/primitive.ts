import ts from 'typescript';
import type { PrimitiveModel } from '../model/type-model.ts';

const f = ts.factory;

/**
 * Avro primitives as avsc represents them: every number kind (long too: avsc reads longs into JS
 * numbers and refuses those beyond 2^53) is `number`; bytes are a Node `Buffer`.
 */
export function primitiveType({ name }: PrimitiveModel): ts.TypeNode {
  switch (name) {
    case 'null':
      return f.createLiteralTypeNode(f.createNull());
    case 'boolean':
      return f.createKeywordTypeNode(ts.SyntaxKind.BooleanKeyword);
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return f.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword);
    case 'bytes':
      return f.createTypeReferenceNode('Buffer');
    case 'string':
      return f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword);
  }
}
