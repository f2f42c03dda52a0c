import { modeFor, type CompatibilityConfig } from '../compatibility-config.ts';
import type { CompatibilityMode } from '../compatibility-mode.ts';
import { createRegistryClient, type RetryDependencies, type RetryPolicy } from '../registry/index.ts';
import { silentReporter, type Reporter } from '../reporter.ts';
import { RegistryRequestError, SchemasRejectedError } from '../schema-tools-error.ts';
import { schemaText } from '../schema-json.ts';
import type { SubjectSchema } from '../source/subject-schema.ts';

export interface RegisterOptions {
  /** Base URL of the Confluent-compatible API: `loadConfig().registry.url`. */
  readonly registryUrl: string;
  /** Basic-auth credentials: `loadConfig().registry.auth`. */
  readonly auth?: { readonly username: string; readonly password: string } | undefined;
  readonly schemas: readonly SubjectSchema[];
  readonly compatibility: CompatibilityConfig;
  readonly reporter?: Reporter;
  readonly fetch?: typeof globalThis.fetch;
  readonly retry?: RetryPolicy;
  readonly retryDependencies?: RetryDependencies;
}

export type RegisterResult = { readonly subject: string; readonly mode: CompatibilityMode } & (
  | { readonly outcome: 'registered'; readonly version: number; readonly id: number }
  | { readonly outcome: 'unchanged'; readonly version: number; readonly id: number }
  | { readonly outcome: 'rejected'; readonly message: string }
);

/**
 * Makes the registry hold every schema, idempotently: per subject, set its compatibility mode,
 * then register the schema unless that exact schema is already a version. Runs through all
 * subjects even after a rejection, so one run shows every problem.
 * @throws SchemasRejectedError (with every result) if the registry refused any schema as incompatible.
 * @throws RegistryUnreachableError if the registry does not answer, after retrying.
 */
export async function registerSchemas({
  registryUrl,
  auth,
  schemas,
  compatibility,
  reporter = silentReporter,
  fetch,
  retry,
  retryDependencies,
}: RegisterOptions): Promise<RegisterResult[]> {
  const registry = createRegistryClient({
    url: registryUrl,
    ...(auth ? { auth } : {}),
    ...(fetch ? { fetch } : {}),
    ...(retry ? { retry } : {}),
    ...(retryDependencies ? { retryDependencies } : {}),
  });
  reporter.info(`[schemas] registering ${schemas.length} schemas at ${registry.url}`);
  const results: RegisterResult[] = [];
  for (const { subject, schema } of schemas) {
    const mode = modeFor(compatibility, subject);
    // The mode goes first: the registry judges the new version by the subject's level at that moment.
    await registry.setCompatibility(subject, mode);
    const text = schemaText(schema);
    const existing = await registry.lookup(subject, text);
    let result: RegisterResult;
    if (existing) {
      result = { subject, mode, outcome: 'unchanged', ...existing };
    } else {
      const answer = await registry.register(subject, text);
      if (answer.accepted) {
        // Registering answers only the id; the version number comes from looking the schema up again.
        const stored = await registry.lookup(subject, text);
        if (!stored) {
          throw new RegistryRequestError(
            `POST /subjects/${subject}`,
            404,
            undefined,
            'the schema just registered is not found',
          );
        }
        result = { subject, mode, outcome: 'registered', ...stored };
      } else {
        result = { subject, mode, outcome: 'rejected', message: answer.message };
      }
    }
    reporter.info(`[schemas] ${describe(result)}`);
    results.push(result);
  }
  const rejected = results.filter((r) => r.outcome === 'rejected');
  const count = (outcome: RegisterResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  reporter.info(
    `[schemas] ${count('registered')} registered, ${count('unchanged')} already registered, ${rejected.length} rejected`,
  );
  if (rejected.length > 0) throw new SchemasRejectedError(rejected, results);
  return results;
}

function describe(result: RegisterResult): string {
  const head = `${result.subject} (${result.mode}):`;
  switch (result.outcome) {
    case 'registered':
      return `${head} registered new version ${result.version} (id ${result.id})`;
    case 'unchanged':
      return `${head} already registered as version ${result.version} (id ${result.id})`;
    case 'rejected':
      return `${head} REJECTED as incompatible: ${result.message}. Run \`npm run schemas:check\` for the fields and fixes`;
  }
}
