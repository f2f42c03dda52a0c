import type { Config } from '@saga/config';

/** What @kafkajs/confluent-schema-registry's `new SchemaRegistry(...)` takes to find and log in to the registry. */
export interface RegistryConnectionOptions {
  readonly host: string;
  readonly auth?: { readonly username: string; readonly password: string };
}

/**
 * The registry's URL and, when SCHEMA_REGISTRY_USERNAME/PASSWORD are set, its basic-auth credentials
 * (Confluent Cloud: an API key and secret), for `new SchemaRegistry(registryClientOptions(config), ...)`.
 */
export function registryClientOptions(config: Pick<Config, 'registry'>): RegistryConnectionOptions {
  const { url, auth } = config.registry;
  return { host: url, ...(auth ? { auth: { username: auth.username, password: auth.password } } : {}) };
}

/**
 * The headers a plain `fetch` to the registry needs: an `Authorization: Basic ...` header when the
 * registry has credentials, none otherwise.
 */
export function registryAuthHeaders(config: Pick<Config, 'registry'>): Record<string, string> {
  const { auth } = config.registry;
  if (!auth) return {};
  return { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
}

/**
 * `fetch` with the registry's credentials added to every request (for code that takes a `fetch`);
 * headers the caller passes are kept.
 */
export function registryFetch(config: Pick<Config, 'registry'>, base: typeof fetch = fetch): typeof fetch {
  const auth = registryAuthHeaders(config);
  if (Object.keys(auth).length === 0) return base;
  return (input, init) => {
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(auth)) headers.set(name, value);
    return base(input, { ...init, headers });
  };
}
