import ts from 'typescript';
import { withDoc } from './doc-comment.ts';
import { jsonExpression } from './json-expression.ts';

const f = ts.factory;

/** `topicSchemas`: each topic's self-contained value schema, keyed by topic name, sorted. */
export function schemasModule(
  schemas: readonly { readonly topic: string; readonly schema: unknown }[],
  topicsModule: string,
): ts.Statement[] {
  const sorted = [...schemas].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
  return [
    f.createImportDeclaration(
      undefined,
      f.createImportClause(
        ts.SyntaxKind.TypeKeyword,
        undefined,
        f.createNamedImports([f.createImportSpecifier(false, undefined, f.createIdentifier('TopicName'))]),
      ),
      f.createStringLiteral(topicsModule),
    ),
    withDoc(
      f.createVariableStatement(
        [f.createModifier(ts.SyntaxKind.ExportKeyword)],
        f.createVariableDeclarationList(
          [
            f.createVariableDeclaration(
              'topicSchemas',
              undefined,
              ts.setEmitFlags(
                f.createMappedTypeNode(
                  f.createToken(ts.SyntaxKind.ReadonlyKeyword),
                  f.createTypeParameterDeclaration(undefined, 'T', f.createTypeReferenceNode('TopicName')),
                  undefined,
                  undefined,
                  f.createKeywordTypeNode(ts.SyntaxKind.ObjectKeyword),
                  undefined,
                ),
                ts.EmitFlags.SingleLine,
              ),
              f.createObjectLiteralExpression(
                sorted.map(({ topic, schema }) =>
                  f.createPropertyAssignment(f.createStringLiteral(topic), jsonExpression(schema)),
                ),
                true,
              ),
            ),
          ],
          ts.NodeFlags.Const,
        ),
      ),
      [
        "Each topic's value schema, self-contained (shared types defined inside it): what its subject\n" +
          'holds in the schema registry, and what its messages are encoded with.',
      ],
    ),
  ];
}
