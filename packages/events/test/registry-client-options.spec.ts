import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import { registryAuthHeaders, registryClientOptions, registryFetch } from '../src/registry-client-options.ts';

/**
 * An HTTP server that only records the headers of each request and answers the one lookup below.
 * It stands for no registry behaviour: it shows what the clients put on the wire.
 */
async function headerCapture(): Promise<{ url: string; seen: IncomingHttpHeaders[]; server: Server }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(200, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
    response.end(JSON.stringify({ id: 7, version: 1, subject: 's-value', schema: '"string"' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('registry client options', () => {
  let capture: Awaited<ReturnType<typeof headerCapture>>;
  beforeEach(async () => {
    capture = await headerCapture();
  });
  afterEach(() => {
    capture.server.close();
  });

  const configFor = (env: Record<string, string>) => loadConfig({ SCHEMA_REGISTRY_URL: capture.url, ...env });
  const withAuth = () =>
    configFor({ SCHEMA_REGISTRY_USERNAME: 'sr-key', SCHEMA_REGISTRY_PASSWORD: 'sr:secret' });

  it('makes the schema registry client send basic auth when SCHEMA_REGISTRY_USERNAME/PASSWORD are set', async () => {
    const registry = new SchemaRegistry(registryClientOptions(withAuth()));
    await registry.getRegistryIdBySchema('s-value', { type: SchemaType.AVRO, schema: '"string"' });
    expect(capture.seen).to.have.length(1);
    expect(capture.seen[0]?.authorization).to.equal(basic('sr-key', 'sr:secret'));
  });

  it('sends no Authorization header when no registry credentials are configured', async () => {
    const registry = new SchemaRegistry(registryClientOptions(configFor({})));
    await registry.getRegistryIdBySchema('s-value', { type: SchemaType.AVRO, schema: '"string"' });
    expect(capture.seen[0]).not.to.have.property('authorization');
  });

  it('adds the same header to plain fetches, keeping the caller’s own headers', async () => {
    const doFetch = registryFetch(withAuth());
    await (await doFetch(`${capture.url}/subjects`, { headers: { Accept: 'application/json' } })).text();
    expect(capture.seen[0]?.authorization).to.equal(basic('sr-key', 'sr:secret'));
    expect(capture.seen[0]?.accept).to.equal('application/json');
    expect(registryAuthHeaders(configFor({}))).to.deep.equal({});
  });
});
