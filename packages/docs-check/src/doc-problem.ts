/** One thing wrong in a page: where it is (the file relative to the root, a 1-based line) and what. */
export interface DocProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** `file:line: message`, the form editors and terminals turn into a link. */
export function formatProblem(problem: DocProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
