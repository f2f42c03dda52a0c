import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DocProblem } from './doc-problem.ts';
import type { DocsSite } from './docs-site.ts';

/**
 * Inline code that is nothing but a path into the repository's own folders
 * (`packages/events/src/event-client.ts`, `chaos/src/checker/`) names something that exists, so a
 * renamed or deleted file does not leave the docs pointing at nothing. Paths with placeholders
 * (`schemas/<domain>/<topic>.avsc`, `packages/*`) are descriptions, not paths, and are left alone.
 */
const repositoryPath =
  /^(?:\.\/)?((?:packages|services|stack|integration|chaos|bench|codegen|schemas|docs|\.ci)\/[\w@.+-]+(?:\/[\w@.+-]+)*\/?)$/;

export function checkSourcePaths(site: DocsSite, file: string): DocProblem[] {
  const problems: DocProblem[] = [];
  for (const { line, value } of site.document(file).codeSpans) {
    const path = repositoryPath.exec(value)?.[1];
    if (path !== undefined && !existsSync(join(site.root, path))) {
      problems.push({
        file,
        line,
        message: `\`${path}\` names a path that does not exist in the repository`,
      });
    }
  }
  return problems;
}
