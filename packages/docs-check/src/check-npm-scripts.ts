import type { DocProblem } from './doc-problem.ts';
import type { DocsSite } from './docs-site.ts';
import { npmScriptReferences } from './npm-script-reference.ts';

/**
 * Every npm command in a page's code (fenced blocks and inline code) runs a script that exists:
 * in the root package.json, or in the workspace `-w` names.
 */
export function checkNpmScripts(site: DocsSite, file: string): DocProblem[] {
  const document = site.document(file);
  const problems: DocProblem[] = [];
  for (const { line, value } of [...document.codeLines, ...document.codeSpans]) {
    for (const reference of npmScriptReferences(value)) {
      const message = scriptProblem(site, reference.script, reference.workspace);
      if (message !== undefined)
        problems.push({ file, line, message: `\`${reference.command}\`: ${message}` });
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

function scriptProblem(site: DocsSite, script: string, workspace: string | undefined): string | undefined {
  if (workspace === undefined) {
    return site.scripts.rootScripts.has(script)
      ? undefined
      : `the root package.json has no script "${script}"`;
  }
  const scripts = site.scripts.scriptsOf(workspace);
  if (scripts === undefined) return `no workspace is named "${workspace}"`;
  return scripts.has(script) ? undefined : `workspace ${workspace} has no script "${script}"`;
}
