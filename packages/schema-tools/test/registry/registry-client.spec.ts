import { expect } from 'chai';
import {
  createRegistryClient,
  RegistryRequestError,
  RegistryUnreachableError,
  type RegistryClientOptions,
} from '../../src/index.ts';
import { fakeRegistry, fakeRegistryUrl, requestUrl } from '../fake-registry.ts';

const noWait: Pick<RegistryClientOptions, 'retryDependencies'> = {
  retryDependencies: { sleep: () => Promise.resolve() },
};
const schema = JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] });

/** A fetch that answers from a script, one entry per call; an Error entry is thrown like a refused connection. */
function scripted(...answers: (Error | [number, unknown])[]) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    calls.push({ url: requestUrl(input), init });
    const next = answers.shift();
    if (next === undefined) throw new Error('unexpected request');
    if (next instanceof Error) return Promise.reject(next);
    return Promise.resolve(new Response(JSON.stringify(next[1]), { status: next[0] }));
  };
  return { fetch, calls };
}

function refused(): Error {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8081'), { code: 'ECONNREFUSED' }),
  });
}

describe('createRegistryClient', () => {
  it('speaks the schema registry media type and strips a trailing slash from the URL', async () => {
    const { fetch, calls } = scripted([200, { compatibility: 'FULL' }]);
    await createRegistryClient({ url: `${fakeRegistryUrl}/`, fetch }).setCompatibility('a-value', 'FULL');
    expect(calls[0]?.url).to.equal(`${fakeRegistryUrl}/config/a-value`);
    expect(calls[0]?.init?.method).to.equal('PUT');
    expect(calls[0]?.init?.headers).to.include({ 'Content-Type': 'application/vnd.schemaregistry.v1+json' });
    expect(calls[0]?.init?.body).to.equal('{"compatibility":"FULL"}');
  });

  it('answers "nothing there" for an unknown subject instead of failing', async () => {
    const client = createRegistryClient({ url: fakeRegistryUrl, fetch: fakeRegistry().fetch });
    expect(await client.versions('nope-value')).to.deep.equal([]);
    expect(await client.lookup('nope-value', schema)).to.equal(undefined);
    expect(await client.compatibility('nope-value')).to.equal(undefined);
    expect(await client.isCompatible('nope-value', schema, { allVersions: true })).to.equal(undefined);
  });

  it('returns a 409 from registering as a rejection with the registry message', async () => {
    const { fetch } = scripted([
      409,
      { error_code: 409, message: 'Incompatible artifact: a-value [AVRO] [x at /fields/1]' },
    ]);
    const answer = await createRegistryClient({ url: fakeRegistryUrl, fetch }).register('a-value', schema);
    expect(answer).to.deep.equal({
      accepted: false,
      message: 'Incompatible artifact: a-value [AVRO] [x at /fields/1]',
    });
  });

  it('asks /versions for a transitive verdict and /versions/latest otherwise', async () => {
    const { fetch, calls } = scripted([200, { is_compatible: true }], [200, { is_compatible: false }]);
    const client = createRegistryClient({ url: fakeRegistryUrl, fetch });
    expect(await client.isCompatible('a-value', schema, { allVersions: true })).to.equal(true);
    expect(await client.isCompatible('a-value', schema, { allVersions: false })).to.equal(false);
    expect(calls.map((c) => c.url.slice(fakeRegistryUrl.length))).to.deep.equal([
      '/compatibility/subjects/a-value/versions',
      '/compatibility/subjects/a-value/versions/latest',
    ]);
  });

  it('retries refused connections and 5xx answers, then succeeds', async () => {
    const { fetch, calls } = scripted(refused(), [503, { message: 'starting' }], [200, [1, 2]]);
    expect(
      await createRegistryClient({ url: fakeRegistryUrl, fetch, ...noWait }).versions('a-value'),
    ).to.deep.equal([1, 2]);
    expect(calls).to.have.length(3);
  });

  it('gives up on a registry that never answers, saying how to start one', async () => {
    const { fetch, calls } = scripted(refused(), refused(), refused(), refused(), refused());
    const error = await createRegistryClient({ url: fakeRegistryUrl, fetch, ...noWait })
      .versions('a-value')
      .catch((e: unknown) => e);
    expect(calls).to.have.length(5);
    expect(error).to.be.instanceOf(RegistryUnreachableError);
    const unreachable = error as RegistryUnreachableError;
    expect(unreachable.code).to.equal('REGISTRY_UNREACHABLE');
    expect(unreachable.message).to.equal(
      `Schema registry at ${fakeRegistryUrl} did not answer (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:8081) after 5 attempts`,
    );
    expect(unreachable.fix).to.contain('`npm start`').and.contain('SCHEMA_REGISTRY_URL');
  });

  it('does not retry a client error, and reports the registry error code', async () => {
    const { fetch, calls } = scripted([
      422,
      { error_code: 42201, message: 'Failed to discover artifact type' },
    ]);
    const error = await createRegistryClient({ url: fakeRegistryUrl, fetch, ...noWait })
      .register('a-value', '{')
      .catch((e: unknown) => e);
    expect(calls).to.have.length(1);
    expect(error).to.be.instanceOf(RegistryRequestError);
    expect(error).to.include({ status: 422, registryErrorCode: 42201, retriable: false });
    expect((error as Error).message)
      .to.contain('POST /subjects/a-value/versions')
      .and.contain('Failed to discover');
  });

  it('probes once, without retrying', async () => {
    const { fetch, calls } = scripted(refused());
    const error = await createRegistryClient({ url: fakeRegistryUrl, fetch, ...noWait })
      .probe()
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RegistryUnreachableError);
    expect(calls).to.have.length(1);
  });
  it('sends basic auth on every request when credentials are given, and none otherwise', async () => {
    const { fetch, calls } = scripted([200, { compatibility: 'FULL' }], [200, [1]], [200, [1]]);
    const auth = { username: 'sr-key', password: 'sr-secret' };
    const client = createRegistryClient({ url: fakeRegistryUrl, auth, fetch });
    await client.setCompatibility('a-value', 'FULL');
    await client.versions('a-value');
    const expected = `Basic ${Buffer.from('sr-key:sr-secret').toString('base64')}`;
    for (const call of calls) expect(call.init?.headers).to.include({ Authorization: expected });
    await createRegistryClient({ url: fakeRegistryUrl, fetch }).versions('a-value');
    expect(calls[2]?.init?.headers).not.to.have.property('Authorization');
  });

  it('says which variables to set when the registry refuses the credentials', async () => {
    const { fetch } = scripted([401, { error_code: 401, message: 'Unauthorized' }]);
    const error = await createRegistryClient({ url: fakeRegistryUrl, fetch })
      .versions('a-value')
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RegistryRequestError);
    expect((error as RegistryRequestError).fix).to.include(
      'SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD',
    );
  });
});
