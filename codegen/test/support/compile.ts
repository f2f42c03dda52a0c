import { dirname, join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../../src/generate/layout.ts';

/** The repo's compiler options (tsconfig.base.json), as `npx tsc -p tsconfig.json` uses them. */
export function repoCompilerOptions(): ts.CompilerOptions {
  const file = join(repoRoot, 'tsconfig.base.json');
  const { config } = ts.readConfigFile(file, (path) => ts.sys.readFile(path)) as { config: unknown };
  return ts.parseJsonConfigFileContent(config, ts.sys, dirname(file), undefined, file).options;
}

/** A type error, located by file and 1-based line. */
export interface TypeError {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/**
 * Type-checks files with the compiler API and returns their errors. `virtual` adds files that
 * exist only in memory (path -> text), resolved like real ones from where their path says.
 */
export function typeErrors(
  files: readonly string[],
  virtual: Readonly<Record<string, string>> = {},
): TypeError[] {
  const options = repoCompilerOptions();
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (path, language, ...rest) => {
    const text = virtual[path];
    return text === undefined
      ? getSourceFile(path, language, ...rest)
      : ts.createSourceFile(path, text, language);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (path) => path in virtual || fileExists(path);
  const program = ts.createProgram([...files, ...Object.keys(virtual)], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => ({
      file: d.file?.fileName ?? '',
      line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    }));
}
