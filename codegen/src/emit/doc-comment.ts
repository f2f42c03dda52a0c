import ts from 'typescript';

/**
 * Puts a JSDoc comment before a node: the paragraphs given, blank-line separated, skipping
 * missing ones. A `*\/` inside schema text is escaped so it cannot end the comment early.
 */
export function withDoc<T extends ts.Node>(node: T, paragraphs: readonly (string | undefined)[]): T {
  const lines = paragraphs
    .filter((p): p is string => p !== undefined && p.trim() !== '')
    .flatMap((p, i) => [...(i === 0 ? [] : ['']), ...p.trim().split('\n')]);
  if (lines.length === 0) return node;
  const escaped = lines.map((line) => line.replaceAll('*/', '*\\/'));
  const text =
    escaped.length === 1
      ? `* ${escaped.join('')} `
      : `*\n${escaped.map((l) => ` * ${l}`.trimEnd()).join('\n')}\n `;
  ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, text, true);
  return node;
}
