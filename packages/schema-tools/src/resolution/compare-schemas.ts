import { modeRules, type CompatibilityMode } from '../compatibility-mode.ts';
import { parseAvroType } from './avro-type.ts';
import { checkResolution } from './check-resolution.ts';
import type { Direction, Violation } from './violation.ts';

/** The outcome of one resolution check between a new and an old schema. */
export interface DirectionalCheck {
  readonly direction: Direction;
  readonly violations: readonly Violation[];
}

/**
 * Checks a new schema against one earlier version, in each direction `mode` asks for
 * (none for NONE). Transitivity is the caller's business: it calls this once per earlier version.
 */
export function compareSchemas(
  next: unknown,
  previous: unknown,
  mode: CompatibilityMode,
): DirectionalCheck[] {
  const rules = modeRules[mode];
  const nextType = parseAvroType(next);
  const previousType = parseAvroType(previous);
  const checks: DirectionalCheck[] = [];
  if (rules.backward) {
    checks.push({ direction: 'backward', violations: checkResolution(nextType, previousType, 'backward') });
  }
  if (rules.forward) {
    checks.push({ direction: 'forward', violations: checkResolution(previousType, nextType, 'forward') });
  }
  return checks;
}
