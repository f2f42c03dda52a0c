import ts from 'typescript';

/** `import type { A, B } from './x.ts';` for each module, modules and names sorted. */
export function typeImports(imports: ReadonlyMap<string, ReadonlySet<string>>): ts.ImportDeclaration[] {
  const f = ts.factory;
  return [...imports.keys()]
    .sort()
    .map((module) =>
      f.createImportDeclaration(
        undefined,
        f.createImportClause(
          ts.SyntaxKind.TypeKeyword,
          undefined,
          f.createNamedImports(
            [...(imports.get(module) ?? [])]
              .sort()
              .map((name) => f.createImportSpecifier(false, undefined, f.createIdentifier(name))),
          ),
        ),
        f.createStringLiteral(module),
      ),
    );
}
