import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative } from 'node:path';
import type { DocProblem } from './doc-problem.ts';
import type { DocsSite } from './docs-site.ts';

const scheme = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Every link and image of a page lands: a relative target exists in the repository (source files
 * and folders included), a `#fragment` into a Markdown page matches one of its headings, a
 * reference-style link names a label the page defines. Web addresses are only checked to be
 * well-formed: the check never touches the network.
 */
export function checkLinks(site: DocsSite, file: string): DocProblem[] {
  const document = site.document(file);
  const problems: DocProblem[] = [];
  const report = (line: number, message: string) => problems.push({ file, line, message });

  for (const { line, value } of document.links) {
    const what = value.image ? 'image' : 'link';
    const target = value.target.trim();
    if (target === '') {
      report(line, `${what} has an empty target`);
    } else if (scheme.test(target)) {
      const problem = externalProblem(target);
      if (problem !== undefined) report(line, `${what} ${target}: ${problem}`);
    } else {
      const problem = localProblem(site, file, target);
      if (problem !== undefined) report(line, `${what} ${target}: ${problem}`);
    }
  }
  for (const { line, value } of document.referenceUses) {
    if (!document.referenceLabels.has(value)) {
      report(line, `link [${value}] uses a reference label the page does not define`);
    }
  }
  return problems;
}

function externalProblem(target: string): string | undefined {
  const protocol = scheme.exec(target)?.[0].toLowerCase();
  if (protocol === 'mailto:') return undefined;
  if (protocol !== 'http:' && protocol !== 'https:') {
    return `only http(s) and mailto links are allowed, not ${protocol ?? 'this scheme'}`;
  }
  try {
    const url = new URL(target);
    if (url.hostname === '' || /\s/.test(target)) return 'is not a well-formed address';
    return undefined;
  } catch {
    return 'is not a well-formed address';
  }
}

function localProblem(site: DocsSite, file: string, target: string): string | undefined {
  const hashAt = target.indexOf('#');
  const pathPart = (hashAt === -1 ? target : target.slice(0, hashAt)).replace(/\?.*$/, '');
  const fragment = hashAt === -1 ? undefined : target.slice(hashAt + 1);
  let path: string;
  try {
    path = decodeURIComponent(pathPart);
  } catch {
    return 'is not a well-formed path (bad %-escape)';
  }

  let page = file;
  if (path !== '') {
    const resolved = path.startsWith('/')
      ? normalize(join(site.root, path))
      : normalize(join(site.root, dirname(file), path));
    const fromRoot = relative(site.root, resolved);
    if (fromRoot.startsWith('..') || isAbsolute(fromRoot)) return 'points outside the repository';
    if (!existsSync(resolved)) return `${fromRoot} does not exist`;
    if (!fromRoot.endsWith('.md') || !statSync(resolved).isFile()) return undefined;
    page = fromRoot;
  }
  if (fragment === undefined || fragment === '') return undefined;
  let anchor: string;
  try {
    anchor = decodeURIComponent(fragment);
  } catch {
    return 'is not a well-formed anchor (bad %-escape)';
  }
  if (site.anchorsOf(page).has(anchor)) return undefined;
  const where = page === file ? 'this page' : page;
  return `#${anchor} matches no heading in ${where}`;
}
