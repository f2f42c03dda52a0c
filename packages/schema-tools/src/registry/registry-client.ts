import type { CompatibilityMode } from '../compatibility-mode.ts';
import { RegistryRequestError, RegistryUnreachableError } from '../schema-tools-error.ts';
import { defaultRetryPolicy, retry, type RetryDependencies, type RetryPolicy } from './retry-policy.ts';

/**
 * The slice of the Confluent schema registry REST API the tools use, over plain fetch.
 * Not @kafkajs/confluent-schema-registry: its register() refuses to run when its own
 * `compatibility` option differs from the subject's level, and setting the level per subject
 * is exactly what these tools do. Schemas travel as their JSON text.
 */
export interface RegistryClient {
  readonly url: string;
  /** One quick request, no retries: does anything answer at `url`? @throws RegistryUnreachableError */
  probe(): Promise<void>;
  setCompatibility(subject: string, mode: CompatibilityMode): Promise<void>;
  /** The level the registry applies to the subject (its own, else the global one); undefined for an unknown subject. */
  compatibility(subject: string): Promise<string | undefined>;
  /** The version that holds exactly this schema, if the subject has one. */
  lookup(subject: string, schema: string): Promise<RegisteredSchema | undefined>;
  /** A 409 (incompatible) is an answer, not an error: it comes back with the registry's reason. */
  register(
    subject: string,
    schema: string,
  ): Promise<{ accepted: true; id: number } | { accepted: false; message: string }>;
  /** Registered version numbers, oldest first; empty for an unknown subject. */
  versions(subject: string): Promise<number[]>;
  version(subject: string, version: number): Promise<RegisteredSchema & { schema: string }>;
  /**
   * The registry's verdict for registering `schema`, or undefined for an unknown subject.
   * `allVersions` must be set for *_TRANSITIVE levels: Apicurio's `/versions/latest` endpoint
   * checks only the latest version even then, while `/versions` checks them all.
   */
  isCompatible(
    subject: string,
    schema: string,
    options: { allVersions: boolean },
  ): Promise<boolean | undefined>;
}

export interface RegisteredSchema {
  readonly version: number;
  readonly id: number;
}

export interface RegistryClientOptions {
  /** Base URL of the Confluent-compatible API, e.g. http://127.0.0.1:8081/apis/ccompat/v7 (from `loadConfig().registry.url`). */
  readonly url: string;
  /** Basic-auth credentials (`loadConfig().registry.auth`), sent with every request when set. */
  readonly auth?: { readonly username: string; readonly password: string };
  readonly fetch?: typeof globalThis.fetch;
  readonly retry?: RetryPolicy;
  readonly retryDependencies?: RetryDependencies;
  /** Per request; a registry that hangs counts as unreachable. */
  readonly timeoutMs?: number;
}

const contentType = 'application/vnd.schemaregistry.v1+json';

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export function createRegistryClient({
  url,
  auth,
  fetch = globalThis.fetch,
  retry: policy = defaultRetryPolicy,
  retryDependencies = {},
  timeoutMs = 10_000,
}: RegistryClientOptions): RegistryClient {
  const base = url.replace(/\/+$/, '');
  const authorization = auth
    ? { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` }
    : {};

  async function attempt(
    method: string,
    path: string,
    body: unknown,
    attemptNumber: number,
  ): Promise<Answer> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          Accept: contentType,
          ...authorization,
          ...(body === undefined ? {} : { 'Content-Type': contentType }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new RegistryUnreachableError(base, attemptNumber, { cause: error });
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON (a proxy's error page, say): keep the text, it goes into the error message.
    }
    if (response.status >= 500) throw requestError(method, path, response.status, parsed);
    return { status: response.status, body: parsed };
  }

  function request(method: string, path: string, body?: unknown): Promise<Answer> {
    return retry((n) => attempt(method, path, body, n), policy, retryDependencies);
  }

  /** Expects 2xx, or one of `absent` (404 for an unknown subject or version) which yields undefined. */
  async function call(method: string, path: string, body?: unknown, absent = false): Promise<unknown> {
    const answer = await request(method, path, body);
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    if (absent && answer.status === 404) return undefined;
    throw requestError(method, path, answer.status, answer.body);
  }

  const subjectPath = (subject: string) => `/subjects/${encodeURIComponent(subject)}`;

  return {
    url: base,
    async probe() {
      // Anything but 2xx means something answers that is not the registry API (a wrong path, say).
      const answer = await attempt('GET', '/config', undefined, 1);
      if (answer.status >= 300) throw requestError('GET', '/config', answer.status, answer.body);
    },
    async setCompatibility(subject, mode) {
      await call('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility: mode });
    },
    async compatibility(subject) {
      const body = await call('GET', `/config/${encodeURIComponent(subject)}`, undefined, true);
      if (body === undefined) return undefined;
      return stringField(body, 'compatibilityLevel') ?? stringField(body, 'compatibility');
    },
    async lookup(subject, schema) {
      const body = await call('POST', subjectPath(subject), { schema }, true);
      return body === undefined ? undefined : registered(body, `POST ${subjectPath(subject)}`);
    },
    async register(subject, schema) {
      const path = `${subjectPath(subject)}/versions`;
      const answer = await request('POST', path, { schema });
      if (answer.status === 409) return { accepted: false, message: registryMessage(answer.body) };
      if (answer.status < 200 || answer.status >= 300)
        throw requestError('POST', path, answer.status, answer.body);
      const id = numberField(answer.body, 'id');
      if (id === undefined) throw requestError('POST', path, answer.status, answer.body);
      return { accepted: true, id };
    },
    async versions(subject) {
      const body = await call('GET', `${subjectPath(subject)}/versions`, undefined, true);
      if (body === undefined) return [];
      if (!Array.isArray(body) || !body.every((v) => typeof v === 'number')) {
        throw requestError('GET', `${subjectPath(subject)}/versions`, 200, body);
      }
      return [...body].sort((a, b) => a - b);
    },
    async version(subject, version) {
      const path = `${subjectPath(subject)}/versions/${version}`;
      const body = await call('GET', path);
      const schema = stringField(body, 'schema');
      if (schema === undefined) throw requestError('GET', path, 200, body);
      return { ...registered(body, `GET ${path}`), schema };
    },
    async isCompatible(subject, schema, { allVersions }) {
      const path = `/compatibility${subjectPath(subject)}/versions${allVersions ? '' : '/latest'}`;
      const body = await call('POST', path, { schema }, true);
      if (body === undefined) return undefined;
      const verdict = (body as { is_compatible?: unknown }).is_compatible;
      if (typeof verdict !== 'boolean') throw requestError('POST', path, 200, body);
      return verdict;
    },
  };
}

function registered(body: unknown, request: string): RegisteredSchema {
  const version = numberField(body, 'version');
  const id = numberField(body, 'id');
  if (version === undefined || id === undefined) throw requestError(request, '', 200, body);
  return { version, id };
}

function requestError(method: string, path: string, status: number, body: unknown): RegistryRequestError {
  return new RegistryRequestError(
    `${method} ${path}`.trim(),
    status,
    numberField(body, 'error_code'),
    registryMessage(body),
  );
}

function registryMessage(body: unknown): string {
  if (body === undefined) return 'empty answer';
  return (
    stringField(body, 'message') ?? (typeof body === 'string' ? body.slice(0, 300) : JSON.stringify(body))
  );
}

function stringField(body: unknown, key: string): string | undefined {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function numberField(body: unknown, key: string): number | undefined {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' ? value : undefined;
}
