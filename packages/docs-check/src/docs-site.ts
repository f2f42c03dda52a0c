import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMarkdown, type MarkdownDocument } from './markdown-document.ts';
import { pageAnchors } from './page-anchors.ts';
import { readWorkspaceScripts, type WorkspaceScripts } from './workspace-scripts.ts';

/** The repository as the checks see it: its pages, parsed once each, and its packages' scripts. */
export interface DocsSite {
  readonly root: string;
  readonly scripts: WorkspaceScripts;
  /** A Markdown file by its path from the root. */
  document(file: string): MarkdownDocument;
  anchorsOf(file: string): ReadonlySet<string>;
}

export function openDocsSite(root: string): DocsSite {
  const scripts = readWorkspaceScripts(root);
  const documents = new Map<string, MarkdownDocument>();
  const anchors = new Map<string, ReadonlySet<string>>();
  const document = (file: string): MarkdownDocument => {
    let parsed = documents.get(file);
    if (parsed === undefined) {
      parsed = parseMarkdown(readFileSync(join(root, file), 'utf8'));
      documents.set(file, parsed);
    }
    return parsed;
  };
  return {
    root,
    scripts,
    document,
    anchorsOf: (file) => {
      let found = anchors.get(file);
      if (found === undefined) {
        found = pageAnchors(document(file));
        anchors.set(file, found);
      }
      return found;
    },
  };
}
