import { PlatformError } from '@saga/errors';
import type { RegisterResult } from './register/register-schemas.ts';

/**
 * Base of every failure the schema tools raise. The message says what went wrong and why;
 * `fix` says what to do about it. The CLI prints both on one line and exits non-zero.
 * `retriable` tells the one retry policy (registry/retry.ts) whether trying again can help.
 */
export abstract class SchemaToolsError extends PlatformError {
  constructor(
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** schemas/compatibility.json is missing, malformed, names an unknown mode or a subject that has no schema. */
export class CompatibilityConfigError extends SchemaToolsError {
  readonly code = 'COMPATIBILITY_CONFIG_INVALID';
  readonly retriable = false;

  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Invalid compatibility config ${file}: ${problems.join('; ')}`,
      'Fix the file: {"default": "<MODE>", "subjects": {"<topic>-value": "<MODE>"}} with MODE one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE',
    );
  }
}

/** The registry did not answer at all (connection refused, DNS failure, timeout), even after retrying. */
export class RegistryUnreachableError extends SchemaToolsError {
  readonly code = 'REGISTRY_UNREACHABLE';
  readonly retriable = true;

  constructor(
    readonly url: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Schema registry at ${url} did not answer (${describeCause(options?.cause)}) after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
      'Start the local stack with `npm start`, or set SCHEMA_REGISTRY_URL to a running Confluent-compatible registry',
      options,
    );
  }
}

/** The registry answered with an error the tools do not expect; 5xx answers are worth retrying. */
export class RegistryRequestError extends SchemaToolsError {
  readonly code = 'REGISTRY_REQUEST_FAILED';
  readonly retriable: boolean;

  constructor(
    readonly request: string,
    readonly status: number,
    readonly registryErrorCode: number | undefined,
    readonly registryMessage: string,
  ) {
    super(
      `Schema registry answered ${request} with HTTP ${status}${registryErrorCode === undefined ? '' : ` (error ${registryErrorCode})`}: ${registryMessage}`,
      status >= 500
        ? 'The registry failed internally: look at its log (`npm run stack:status` shows where), then retry'
        : status === 401 || status === 403
          ? 'The registry wants credentials it accepts: set SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD (for Confluent Cloud: a Schema Registry API key and secret)'
          : 'Check that SCHEMA_REGISTRY_URL points at the Confluent-compatible API (for Apicurio: …/apis/ccompat/v7)',
    );
    this.retriable = status >= 500;
  }
}

/** The registry refused one or more schemas as incompatible with what it already holds. */
export class SchemasRejectedError extends SchemaToolsError {
  readonly code = 'SCHEMAS_REJECTED';
  readonly retriable = false;

  constructor(
    readonly subjects: readonly { subject: string; message: string }[],
    /** Every subject's outcome, the accepted ones included. */
    readonly results: readonly RegisterResult[],
  ) {
    super(
      `Schema registry rejected ${subjects.length} schema${subjects.length === 1 ? '' : 's'} as incompatible: ${subjects
        .map((s) => `${s.subject} (${s.message})`)
        .join('; ')}`,
      'Run `npm run schemas:check` to see which fields break compatibility and how to fix them',
    );
  }
}

/** A git command needed to read the schemas at a ref failed: unknown ref, not a repository, no git. */
export class GitSourceError extends SchemaToolsError {
  readonly code = 'GIT_SOURCE_FAILED';
  readonly retriable = false;

  constructor(
    readonly command: string,
    readonly stderr: string,
  ) {
    super(
      `\`${command}\` failed: ${stderr.trim().split('\n')[0] ?? 'no output'}`,
      'Pass an existing commit, branch or tag to --against (e.g. `--against origin/main`), from inside the git checkout',
    );
  }
}

/** The command line could not be understood. */
export class UsageError extends SchemaToolsError {
  readonly code = 'USAGE';
  readonly retriable = false;
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  // fetch wraps the socket error ("fetch failed"); the inner one names it (ECONNREFUSED, ENOTFOUND).
  const inner: unknown = cause.cause;
  if (inner instanceof Error)
    return 'code' in inner ? `${String(inner.code)}: ${inner.message}` : inner.message;
  return cause.message;
}
