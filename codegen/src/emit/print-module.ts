import * as prettier from 'prettier';
import ts from 'typescript';

/** The repo's prettier options, from the given config file (`.prettierrc.json` at the repo root). */
export async function loadPrettierOptions(configFile: string): Promise<prettier.Options> {
  return (await prettier.resolveConfig(configFile, { config: configFile, editorconfig: false })) ?? {};
}

/**
 * Prints synthesized statements as one TypeScript module under a header comment, then formats it
 * with prettier so the output is the same as a person running `npm run format` would get.
 * Top-level statements are printed one by one only to put a blank line between them; runs of
 * imports and of re-exports stay together.
 */
export async function printModule(
  statements: readonly ts.Statement[],
  header: readonly string[],
  options: prettier.Options,
): Promise<string> {
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  const file = ts.createSourceFile('generated.ts', '', ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  let text = header.map((line) => `// ${line}`.trimEnd()).join('\n');
  statements.forEach((statement, i) => {
    const previous = statements[i - 1];
    const together =
      previous !== undefined &&
      ((ts.isImportDeclaration(previous) && ts.isImportDeclaration(statement)) ||
        (ts.isExportDeclaration(previous) && ts.isExportDeclaration(statement)));
    text += together ? '\n' : '\n\n';
    text += printer.printNode(ts.EmitHint.Unspecified, statement, file);
  });
  return prettier.format(`${text}\n`, { ...options, parser: 'typescript' });
}
