import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DocsRootError } from './docs-root-error.ts';

/** A package's scripts, by what a command may call it: its name, or its folder from the root. */
export interface WorkspaceScripts {
  readonly rootScripts: ReadonlySet<string>;
  /** `undefined` when no workspace goes by that name or folder. */
  scriptsOf(workspace: string): ReadonlySet<string> | undefined;
}

interface PackageJson {
  readonly name?: string;
  readonly scripts?: Record<string, string>;
  readonly workspaces?: readonly string[];
}

/**
 * The root package.json's scripts and each workspace's, found the way npm finds workspaces:
 * a folder, or every folder of `dir/*`.
 */
export function readWorkspaceScripts(root: string): WorkspaceScripts {
  const rootPackage = readPackage(join(root, 'package.json'));
  if (rootPackage === undefined) throw new DocsRootError(root);
  const byWorkspace = new Map<string, ReadonlySet<string>>();
  for (const pattern of rootPackage.workspaces ?? []) {
    for (const folder of expand(root, pattern)) {
      const found = readPackage(join(folder, 'package.json'));
      if (found === undefined) continue;
      const scripts = new Set(Object.keys(found.scripts ?? {}));
      byWorkspace.set(relative(root, folder), scripts);
      if (found.name !== undefined) byWorkspace.set(found.name, scripts);
    }
  }
  return {
    rootScripts: new Set(Object.keys(rootPackage.scripts ?? {})),
    scriptsOf: (workspace) => byWorkspace.get(workspace.replace(/^\.\/|\/$/g, '')),
  };
}

function expand(root: string, pattern: string): string[] {
  if (!pattern.endsWith('/*')) return [join(root, pattern)];
  const parent = join(root, pattern.slice(0, -2));
  if (!existsSync(parent)) return [];
  return readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(parent, entry.name));
}

function readPackage(path: string): PackageJson | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
}
