import type { SchemaSource } from '@saga/codegen';

/**
 * One topic's value schema, as the tools need it. `LoadedSchema` from @saga/codegen has this shape;
 * the tools ask for no more, so that tests and other callers can hand them plain fixtures.
 */
export interface SubjectSchema {
  readonly topic: string;
  /** `<topic>-value`. */
  readonly subject: string;
  /** Where it came from, relative to the schemas directory, for messages. */
  readonly file?: string;
  /** Self-contained Avro schema JSON (shared named types inlined). */
  readonly schema: unknown;
}

/** Where schema files come from (the working tree, a git commit): codegen's interface, which its loader reads. */
export type { SchemaSource };

/** Turns a source into loaded schemas; in the CLI this is `loadSchemas` from @saga/codegen. */
export type SchemaLoader = (source: SchemaSource) => Promise<readonly SubjectSchema[]>;
