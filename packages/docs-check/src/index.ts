export { checkDocs, type DocsCheckResult } from './check-docs.ts';
export { formatProblem, type DocProblem } from './doc-problem.ts';
export { githubSlug, uniqueSlugs } from './github-slug.ts';
export { parseMarkdown, type MarkdownDocument } from './markdown-document.ts';
export { npmScriptReferences, type NpmScriptReference } from './npm-script-reference.ts';
export { DocsRootError } from './docs-root-error.ts';
