import type { CompatibilityMode } from '../compatibility-mode.ts';
import type { Direction, Violation } from '../resolution/index.ts';

/** What `schemas:check` found: plain data, decided by checkSchemas and printed by formatCheckReport. */
export interface CheckReport {
  /** The git side, e.g. `HEAD (d1b3f63)`. */
  readonly baseline: string;
  readonly registry: RegistryState;
  readonly subjects: readonly SubjectCheck[];
  /** Subjects that have a schema at the baseline but none in the working tree. Not checked: nothing will be registered for them. */
  readonly removed: readonly string[];
  readonly passed: boolean;
}

export type RegistryState =
  | { readonly state: 'not-asked' }
  | { readonly state: 'online'; readonly url: string }
  | { readonly state: 'unreachable'; readonly url: string; readonly reason: string };

export interface SubjectCheck {
  readonly subject: string;
  readonly topic: string;
  readonly mode: CompatibilityMode;
  readonly baseline: BaselineResult;
  /** Absent when the registry was not asked or did not answer. */
  readonly registry?: RegistryResult;
  readonly passed: boolean;
}

export type BaselineResult =
  | { readonly state: 'new' }
  | { readonly state: 'unchanged' }
  | { readonly state: 'changed'; readonly comparisons: readonly Comparison[] };

export type RegistryResult =
  | { readonly state: 'new' }
  /** This exact schema is already a version: registering it is a no-op, so there is nothing to check. */
  | { readonly state: 'registered'; readonly version: number; readonly id: number }
  | {
      readonly state: 'checked';
      /** Every version the mode covers. */
      readonly versions: readonly number[];
      /** Those identical to the baseline schema: already covered by its comparisons, so not repeated. */
      readonly sameAsBaseline: readonly number[];
      readonly comparisons: readonly Comparison[];
      readonly verdict: RegistryVerdict;
    };

/** The registry's own yes/no. It applies the registry's level for the subject, which only counts if that is the configured mode. */
export interface RegistryVerdict {
  readonly compatible: boolean;
  readonly level: string | undefined;
  readonly counted: boolean;
}

/** One resolution check of the new schema against one earlier version, in one direction. */
export interface Comparison {
  /** `HEAD (d1b3f63)` or `registry version 2`. */
  readonly against: string;
  readonly direction: Direction;
  readonly violations: readonly Violation[];
}
