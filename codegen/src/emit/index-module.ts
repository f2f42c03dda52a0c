import ts from 'typescript';

/** `export * from '<module>';` for each module, in the order given. */
export function indexModule(modules: readonly string[]): ts.Statement[] {
  return modules.map((module) =>
    ts.factory.createExportDeclaration(undefined, false, undefined, ts.factory.createStringLiteral(module)),
  );
}
