import { resolve } from 'node:path';
import { checkDocs } from './check-docs.ts';
import { formatProblem } from './doc-problem.ts';

// `saga-docs-check [root]`: npm runs scripts in the root package's folder, so that is the default.
const root = resolve(process.argv[2] ?? process.cwd());
const { files, problems } = checkDocs(root);
for (const problem of problems) console.error(formatProblem(problem));
if (problems.length > 0) {
  console.error(`docs check: ${problems.length} problem(s) in ${files.length} page(s)`);
  process.exitCode = 1;
} else {
  console.log(`docs check: ${files.length} page(s), links, anchors, npm scripts and paths all resolve`);
}
