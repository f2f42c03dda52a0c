import ts from 'typescript';

/** An Avro map, whose keys are always strings: `Record<string, T>`. */
export function mapType(values: ts.TypeNode): ts.TypeNode {
  return ts.factory.createTypeReferenceNode('Record', [
    ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
    values,
  ]);
}
