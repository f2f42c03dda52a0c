/**
 * Which way data flows in one resolution check. Avro always resolves a *reader* schema against
 * the *writer* schema the data was written with; a compatibility mode asks for one or both ways.
 */
export type Direction =
  /** The new schema reads data written with the old one (BACKWARD: consumers upgrade first). */
  | 'backward'
  /** The old schema reads data written with the new one (FORWARD: producers upgrade first). */
  | 'forward';

export type ViolationCode =
  | 'FIELD_MISSING_DEFAULT'
  | 'TYPE_MISMATCH'
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH'
  | 'ENUM_SYMBOL_MISSING'
  | 'UNION_BRANCH_MISSING';

/** One reason why a reader cannot read a writer's data, where it is, and what would fix it. */
export interface Violation {
  readonly code: ViolationCode;
  /** Where in the schema, from the top-level name: `OrderCreated.items[].quantity` (`[]` array items, `{}` map values). */
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}
