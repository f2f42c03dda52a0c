export { describeGitRef, gitSchemaSource } from './git-schema-source.ts';
export type { SchemaLoader, SchemaSource, SubjectSchema } from './subject-schema.ts';
export { loadWorkingTree, type WorkingTree, type WorkingTreeOptions } from './working-tree.ts';
