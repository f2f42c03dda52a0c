import { BenchError } from '../bench-error.ts';

/** A role's process ended while the section still needed it; its last output says why. */
export class RoleExitedError extends BenchError {
  readonly code = 'BENCH_ROLE_EXITED';

  constructor(
    readonly role: string,
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly output: string,
  ) {
    super(
      `the ${role} role's process exited (${signal ?? `code ${exitCode}`}) in the middle of the run; its last output:\n${output || '(none)'}`,
    );
  }
}
