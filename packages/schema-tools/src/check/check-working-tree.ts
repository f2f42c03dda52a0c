import type { RegistryClient } from '../registry/index.ts';
import { describeGitRef, gitSchemaSource } from '../source/git-schema-source.ts';
import type { SchemaLoader, SchemaSource } from '../source/subject-schema.ts';
import { loadWorkingTree } from '../source/working-tree.ts';
import type { CheckReport } from './check-report.ts';
import { checkSchemas } from './check-schemas.ts';

export interface WorkingTreeCheckOptions {
  /** The schemas directory inside a git checkout. */
  readonly schemasDir: string;
  /** The working tree's schema files. */
  readonly source: SchemaSource;
  readonly load: SchemaLoader;
  /** A commit, branch or tag to compare with: `HEAD` checks uncommitted changes, `origin/main` a whole branch. */
  readonly against: string;
  readonly registry?: RegistryClient;
}

/** What `npm run schemas:check` does: the working tree against a git ref, and against the registry if it answers. */
export async function checkWorkingTree({
  schemasDir,
  source,
  load,
  against,
  registry,
}: WorkingTreeCheckOptions): Promise<CheckReport> {
  const { ref, commit } = await describeGitRef(against, schemasDir);
  const [{ schemas, compatibility }, baseline] = await Promise.all([
    loadWorkingTree({ schemasDir, source, load }),
    load(gitSchemaSource(against, schemasDir)),
  ]);
  return checkSchemas({
    schemas,
    baseline: { label: ref === commit ? ref : `${ref} (${commit})`, schemas: baseline },
    compatibility,
    ...(registry ? { registry } : {}),
  });
}
