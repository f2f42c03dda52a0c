import { resolve } from 'node:path';
import { fsSchemaSource, loadSchemas } from '@saga/codegen';
import { repoRoot } from '@saga/config';
import { checkWorkingTree } from './check/index.ts';
import type { CheckReport } from './check/index.ts';
import { registerSchemas, type RegisterOptions, type RegisterResult } from './register/index.ts';
import type { RegistryClient } from './registry/index.ts';
import { loadWorkingTree, type WorkingTree } from './source/index.ts';

/**
 * The repository's own schemas, read with the codegen loader (which inlines schemas/common):
 * the defaults the CLI and the launcher use. Everything else in the package takes its inputs as parameters.
 */
export const repositorySchemasDir = resolve(repoRoot, 'schemas');

export function loadRepositorySchemas(schemasDir = repositorySchemasDir): Promise<WorkingTree> {
  return loadWorkingTree({ schemasDir, source: fsSchemaSource(schemasDir), load: loadSchemas });
}

/** `npm run schemas:register` as a function, for the launcher to call at `npm start`. */
export async function registerRepositorySchemas(
  options: Omit<RegisterOptions, 'schemas' | 'compatibility'>,
): Promise<RegisterResult[]> {
  return registerSchemas({ ...options, ...(await loadRepositorySchemas()) });
}

/** `npm run schemas:check` as a function. */
export function checkRepositorySchemas(options: {
  readonly against: string;
  readonly registry?: RegistryClient;
}): Promise<CheckReport> {
  return checkWorkingTree({
    schemasDir: repositorySchemasDir,
    source: fsSchemaSource(repositorySchemasDir),
    load: loadSchemas,
    ...options,
  });
}
