import ts from 'typescript';
import type { FixedModel } from '../model/type-model.ts';
import { withDoc } from './doc-comment.ts';

/** A fixed is a `Buffer` in avsc; its size is only in the doc, as TypeScript cannot check it. */
export function fixedDeclaration(model: FixedModel): ts.TypeAliasDeclaration {
  return withDoc(
    ts.factory.createTypeAliasDeclaration(
      [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)],
      model.name,
      undefined,
      ts.factory.createTypeReferenceNode('Buffer'),
    ),
    [model.doc, `Avro fixed \`${model.fullName}\`: exactly ${model.size} bytes.`],
  );
}
