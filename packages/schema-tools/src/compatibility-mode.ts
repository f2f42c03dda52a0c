/** The compatibility levels a Confluent-compatible registry knows, in its own spelling. */
export const compatibilityModes = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;

export type CompatibilityMode = (typeof compatibilityModes)[number];

export function isCompatibilityMode(value: unknown): value is CompatibilityMode {
  return typeof value === 'string' && (compatibilityModes as readonly string[]).includes(value);
}

/** What a mode demands of a new schema, and what that means for rolling it out. */
export interface ModeRules {
  /** The new schema must read data written with earlier schemas (new reader, old writer). */
  readonly backward: boolean;
  /** Earlier schemas must read data written with the new schema (old reader, new writer). */
  readonly forward: boolean;
  /** Against every earlier version, not only the latest. */
  readonly transitive: boolean;
  /** Which side may be deployed first once a change passes. */
  readonly deployOrder: string;
}

const consumersFirst = 'upgrade consumers first, then producers';
const producersFirst = 'upgrade producers first, then consumers';
const eitherOrder = 'producers and consumers may be upgraded in either order';

/** The modes as data: every check and every report line reads from this table. */
export const modeRules: Readonly<Record<CompatibilityMode, ModeRules>> = {
  NONE: {
    backward: false,
    forward: false,
    transitive: false,
    deployOrder: 'no guarantee: upgrade producers and consumers together',
  },
  BACKWARD: { backward: true, forward: false, transitive: false, deployOrder: consumersFirst },
  BACKWARD_TRANSITIVE: { backward: true, forward: false, transitive: true, deployOrder: consumersFirst },
  FORWARD: { backward: false, forward: true, transitive: false, deployOrder: producersFirst },
  FORWARD_TRANSITIVE: { backward: false, forward: true, transitive: true, deployOrder: producersFirst },
  FULL: { backward: true, forward: true, transitive: false, deployOrder: eitherOrder },
  FULL_TRANSITIVE: { backward: true, forward: true, transitive: true, deployOrder: eitherOrder },
};
