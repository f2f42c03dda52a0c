import { PlatformError } from '@saga/errors';

/** Raised when the environment holds a value the platform cannot run with. Lists every bad variable at once. */
export class ConfigError extends PlatformError {
  readonly code = 'CONFIG_INVALID';
  readonly retriable = false;

  constructor(
    readonly problems: readonly { variable: string; value: string | undefined; message: string }[],
  ) {
    super(
      `Invalid configuration: ${problems
        .map((p) => `${p.variable}=${JSON.stringify(p.value)}: ${p.message}`)
        .join('; ')}. Fix or unset these environment variables.`,
    );
  }
}
