import { BenchError } from '../bench-error.ts';

/** A role could not do what it was asked (join its group, send, finish a phase); carries the role's reason. */
export class RoleCommandError extends BenchError {
  readonly code = 'BENCH_ROLE_COMMAND_FAILED';

  constructor(
    readonly role: string,
    readonly command: string,
    /** The role's own error code, e.g. BENCH_PIPELINE_STALLED or a kafkajs error's name. */
    readonly roleCode: string,
    reason: string,
  ) {
    super(`the ${role} role failed to ${command} (${roleCode}): ${reason}`);
  }
}
