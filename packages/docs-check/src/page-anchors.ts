import { uniqueSlugs } from './github-slug.ts';
import type { MarkdownDocument } from './markdown-document.ts';

/** Every `#fragment` that lands somewhere in a page: its headings' anchors and its HTML ids. */
export function pageAnchors(document: MarkdownDocument): ReadonlySet<string> {
  return new Set([
    ...uniqueSlugs(document.headings.map((heading) => heading.value)),
    ...document.htmlAnchors,
  ]);
}
