import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import { registryProbe } from '../src/index.ts';

/** A fetch that records each request's headers and answers with a fixed status. */
function recording(status: number) {
  const headers: Headers[] = [];
  const fetch: typeof globalThis.fetch = (_input, init) => {
    headers.push(new Headers(init?.headers));
    return Promise.resolve(new Response('["AVRO"]', { status }));
  };
  return { fetch, headers };
}

const url = 'http://registry.example:8081';
const withAuth = loadConfig({
  SCHEMA_REGISTRY_URL: url,
  SCHEMA_REGISTRY_USERNAME: 'sr-key',
  SCHEMA_REGISTRY_PASSWORD: 'sr-secret',
});
const signal = new AbortController().signal;

describe('registryProbe', () => {
  it('logs in with basic auth when registry credentials are configured', async () => {
    const { fetch, headers } = recording(200);
    expect(await registryProbe({ config: withAuth, fetch })(signal)).to.equal(`registry at ${url} answers`);
    expect(headers[0]?.get('authorization')).to.equal(
      `Basic ${Buffer.from('sr-key:sr-secret').toString('base64')}`,
    );
  });

  it('sends no credentials when none are configured', async () => {
    const { fetch, headers } = recording(200);
    await registryProbe({ config: loadConfig({ SCHEMA_REGISTRY_URL: url }), fetch })(signal);
    expect(headers[0]?.has('authorization')).to.equal(false);
  });

  it('names the variables to check when the registry refuses the credentials', async () => {
    const refused = await registryProbe({ config: withAuth, fetch: recording(401).fetch })(signal).catch(
      (e: unknown) => e,
    );
    expect((refused as Error).message).to.equal(
      `registry at ${url} refused the credentials (401); check SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD`,
    );
    const missing = await registryProbe({
      config: loadConfig({ SCHEMA_REGISTRY_URL: url }),
      fetch: recording(401).fetch,
    })(signal).catch((e: unknown) => e);
    expect((missing as Error).message).to.include('asks for credentials (401); set SCHEMA_REGISTRY_USERNAME');
  });
});
