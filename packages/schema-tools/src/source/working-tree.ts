import { join } from 'node:path';
import { readCompatibilityConfig, type CompatibilityConfig } from '../compatibility-config.ts';
import type { SchemaLoader, SchemaSource, SubjectSchema } from './subject-schema.ts';

export interface WorkingTreeOptions {
  /** The schemas directory; compatibility.json sits in it. */
  readonly schemasDir: string;
  /** The files in the working tree (in the CLI: `fsSchemaSource(schemasDir)` from @saga/codegen). */
  readonly source: SchemaSource;
  readonly load: SchemaLoader;
}

export interface WorkingTree {
  readonly schemas: readonly SubjectSchema[];
  readonly compatibility: CompatibilityConfig;
}

/** The schemas as they are now, with their validated compatibility modes. */
export async function loadWorkingTree({
  schemasDir,
  source,
  load,
}: WorkingTreeOptions): Promise<WorkingTree> {
  const schemas = await load(source);
  const compatibility = await readCompatibilityConfig(
    join(schemasDir, 'compatibility.json'),
    schemas.map((s) => s.subject),
  );
  return { schemas, compatibility };
}
