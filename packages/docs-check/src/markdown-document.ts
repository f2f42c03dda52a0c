/** A piece of a page with the line it starts on (1-based). */
export interface Located<T> {
  readonly line: number;
  readonly value: T;
}

/** A link or image target as written, and whether it was an image. */
export interface LinkTarget {
  readonly target: string;
  readonly image: boolean;
}

/**
 * What the checks need from one Markdown page, read the way GitHub renders it: headings and links
 * only outside code, and the code itself (fenced blocks line by line, inline code spans) apart.
 */
export interface MarkdownDocument {
  readonly headings: readonly Located<string>[];
  /** `id`/`name` attributes of HTML in the page: anchors too. */
  readonly htmlAnchors: readonly string[];
  readonly links: readonly Located<LinkTarget>[];
  /** Reference-style uses (`[text][label]`) and the labels the page defines. */
  readonly referenceUses: readonly Located<string>[];
  readonly referenceLabels: ReadonlySet<string>;
  readonly codeLines: readonly Located<string>[];
  readonly codeSpans: readonly Located<string>[];
}

const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;
const atxHeading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const codeSpan = /(`+)(?!`)((?:(?!\n\n)[\s\S])*?[^`])\1(?!`)/g;
const inlineLink =
  /(!?)\[((?:[^[\]]|\[[^\]]*\])*)\]\(\s*(<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const referenceUse = /(?<!\])\[((?:[^[\]]|\[[^\]]*\])+)\]\[([^\]]*)\]/g;
const referenceDefinition = /^ {0,3}\[([^\]]+)\]:[ \t]*(<[^>]*>|\S+)/gm;
const htmlLink = /<(a|img)\b[^>]*?\b(href|src)\s*=\s*"([^"]*)"/gi;
const htmlAnchor = /<[a-z][^>]*?\b(?:id|name)\s*=\s*"([^"]*)"/gi;

export function parseMarkdown(text: string): MarkdownDocument {
  const lines = text.split('\n');
  const codeLines: Located<string>[] = [];
  // The page with every fenced block blanked out, line for line, so offsets keep their lines.
  const prose: string[] = [];
  let fence: string | null = null;
  lines.forEach((line, index) => {
    const opener = fenceOpen.exec(line)?.[1];
    if (fence === null && opener !== undefined) {
      fence = opener;
      prose.push('');
    } else if (fence !== null) {
      const closer = fenceOpen.exec(line)?.[1];
      if (
        closer !== undefined &&
        closer[0] === fence[0] &&
        closer.length >= fence.length &&
        line.trim() === closer
      ) {
        fence = null;
      } else {
        codeLines.push({ line: index + 1, value: line });
      }
      prose.push('');
    } else {
      prose.push(line);
    }
  });

  const proseText = prose.join('\n');
  const lineAt = lineLocator(proseText);
  const codeSpans: Located<string>[] = [];
  // Code spans are blanked too (newlines kept), so nothing inside one reads as a link.
  const outsideCode = proseText.replace(codeSpan, (match, _ticks, code: string, offset: number) => {
    codeSpans.push({ line: lineAt(offset), value: code.replace(/\n/g, ' ').trim() });
    return match.replace(/[^\n]/g, ' ');
  });

  const headings: Located<string>[] = [];
  prose.forEach((line, index) => {
    const heading = atxHeading.exec(line);
    if (heading?.[2] !== undefined) headings.push({ line: index + 1, value: heading[2] });
  });

  const links: Located<LinkTarget>[] = [];
  for (const match of outsideCode.matchAll(inlineLink)) {
    const target = unbracket(match[3] ?? '');
    links.push({ line: lineAt(match.index), value: { target, image: match[1] === '!' } });
  }
  for (const match of outsideCode.matchAll(htmlLink)) {
    const image = match[1]?.toLowerCase() === 'img';
    links.push({ line: lineAt(match.index), value: { target: match[3] ?? '', image } });
  }
  const referenceLabels = new Set<string>();
  for (const match of outsideCode.matchAll(referenceDefinition)) {
    referenceLabels.add(normalizeLabel(match[1] ?? ''));
    links.push({ line: lineAt(match.index), value: { target: unbracket(match[2] ?? ''), image: false } });
  }
  const referenceUses: Located<string>[] = [];
  for (const match of outsideCode.matchAll(referenceUse)) {
    const label = match[2] === '' ? (match[1] ?? '') : (match[2] ?? '');
    referenceUses.push({ line: lineAt(match.index), value: normalizeLabel(label) });
  }
  const htmlAnchors = [...outsideCode.matchAll(htmlAnchor)].map((match) => match[1] ?? '');

  return { headings, htmlAnchors, links, referenceUses, referenceLabels, codeLines, codeSpans };
}

/** Link labels match case-insensitively, with runs of white space as one space. */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

function unbracket(target: string): string {
  return target.startsWith('<') && target.endsWith('>') ? target.slice(1, -1) : target;
}

function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}
