import ts from 'typescript';
import type { EnumModel } from '../model/type-model.ts';
import { withDoc } from './doc-comment.ts';

const f = ts.factory;

/** The name of the constant that lists an enum's symbols: `CancelReason` -> `CancelReasonSymbols`. */
export function enumSymbolsName(model: EnumModel): string {
  return `${model.name}Symbols`;
}

/**
 * An enum as a union of its symbols (avsc represents symbols as strings), plus a constant listing
 * them in schema order for code that iterates or validates.
 */
export function enumDeclarations(model: EnumModel): ts.Statement[] {
  const exported = [f.createModifier(ts.SyntaxKind.ExportKeyword)];
  const fallback =
    model.default === undefined
      ? undefined
      : `a reader maps a symbol it does not know to \`${model.default}\``;
  const alias = withDoc(
    f.createTypeAliasDeclaration(
      exported,
      model.name,
      undefined,
      f.createUnionTypeNode(model.symbols.map((s) => f.createLiteralTypeNode(f.createStringLiteral(s)))),
    ),
    [model.doc, `Avro enum \`${model.fullName}\`${fallback ? `; ${fallback}` : ''}.`],
  );
  const symbols = withDoc(
    f.createVariableStatement(
      exported,
      f.createVariableDeclarationList(
        [
          f.createVariableDeclaration(
            enumSymbolsName(model),
            undefined,
            undefined,
            f.createSatisfiesExpression(
              f.createAsExpression(
                f.createArrayLiteralExpression(model.symbols.map((s) => f.createStringLiteral(s))),
                f.createTypeReferenceNode('const'),
              ),
              f.createTypeOperatorNode(
                ts.SyntaxKind.ReadonlyKeyword,
                f.createArrayTypeNode(f.createTypeReferenceNode(model.name)),
              ),
            ),
          ),
        ],
        ts.NodeFlags.Const,
      ),
    ),
    [`Every symbol of {@link ${model.name}}, in schema order.`],
  );
  return [alias, symbols];
}
