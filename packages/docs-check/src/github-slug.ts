/**
 * The anchor GitHub gives a heading (github-slugger's rules): the rendered text in lower case,
 * every character that is not a letter, mark, digit, `_`, `-` or space dropped, each space a `-`.
 */
export function githubSlug(headingText: string): string {
  return renderedText(headingText)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The text a reader sees: code spans, links and emphasis without their markup. */
function renderedText(markdown: string): string {
  return markdown
    .replace(/(`+)([\s\S]*?)\1/g, (_match, _ticks, code: string) => code.trim())
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(^|[^\p{L}\p{N}])(\*\*|__|\*|_)(\S(?:.*?\S)?)\2(?=[^\p{L}\p{N}]|$)/gu, '$1$3')
    .trim();
}

/**
 * The anchors of a page's headings, in order, as GitHub numbers repeats: the second `## Notes`
 * is `#notes-1`, the third `#notes-2`.
 */
export function uniqueSlugs(headings: readonly string[]): string[] {
  const occurrences = new Map<string, number>();
  return headings.map((heading) => {
    const original = githubSlug(heading);
    let slug = original;
    while (occurrences.has(slug)) {
      const repeat = (occurrences.get(original) ?? 0) + 1;
      occurrences.set(original, repeat);
      slug = `${original}-${repeat}`;
    }
    occurrences.set(slug, 0);
    return slug;
  });
}
