import { checkLinks } from './check-links.ts';
import { checkNpmScripts } from './check-npm-scripts.ts';
import { checkSourcePaths } from './check-source-paths.ts';
import { docFiles } from './doc-files.ts';
import type { DocProblem } from './doc-problem.ts';
import { openDocsSite } from './docs-site.ts';

export interface DocsCheckResult {
  readonly files: readonly string[];
  readonly problems: readonly DocProblem[];
}

/** Every check on every page (README.md and docs/**\/*.md), problems in file and line order. */
export function checkDocs(root: string): DocsCheckResult {
  const site = openDocsSite(root);
  const files = docFiles(root);
  const problems = files.flatMap((file) =>
    [...checkLinks(site, file), ...checkNpmScripts(site, file), ...checkSourcePaths(site, file)].sort(
      (a, b) => a.line - b.line,
    ),
  );
  return { files, problems };
}
