import { expect } from 'chai';
import {
  parseCompatibilityConfig,
  registerSchemas,
  RegistryUnreachableError,
  SchemasRejectedError,
  type RegisterOptions,
  type SubjectSchema,
} from '../../src/index.ts';
import { fakeRegistry, fakeRegistryUrl } from '../fake-registry.ts';
import { field, record, subjectSchema } from '../fixtures.ts';

const created = (...fields: object[]) =>
  subjectSchema('order.created', record('OrderCreated', [field('orderId', 'string'), ...fields]));
const cancelled = subjectSchema('order.cancelled', record('OrderCancelled', [field('orderId', 'string')]));

describe('registerSchemas', () => {
  let registry: ReturnType<typeof fakeRegistry>;
  let lines: string[];
  const compatibility = parseCompatibilityConfig(
    { default: 'FULL_TRANSITIVE', subjects: { 'order.cancelled-value': 'BACKWARD' } },
    ['order.created-value', 'order.cancelled-value'],
  );
  const register = (schemas: readonly SubjectSchema[], extra: Partial<RegisterOptions> = {}) =>
    registerSchemas({
      registryUrl: fakeRegistryUrl,
      schemas,
      compatibility,
      fetch: registry.fetch,
      reporter: { info: (line) => lines.push(line) },
      ...extra,
    });

  beforeEach(() => {
    registry = fakeRegistry();
    lines = [];
  });

  it('sets each subject’s mode before registering its schema', async () => {
    await register([created(), cancelled]);
    expect(registry.subjects.get('order.created-value')?.mode).to.equal('FULL_TRANSITIVE');
    expect(registry.subjects.get('order.cancelled-value')?.mode).to.equal('BACKWARD');
    const createdRequests = registry.requests.filter((r) => r.includes('order.created-value'));
    expect(createdRequests[0]).to.equal('PUT /config/order.created-value');
    expect(createdRequests).to.include('POST /subjects/order.created-value/versions');
  });

  it('registers new schemas and reports each new version', async () => {
    const results = await register([created(), cancelled]);
    expect(results.map((r) => [r.subject, r.outcome])).to.deep.equal([
      ['order.created-value', 'registered'],
      ['order.cancelled-value', 'registered'],
    ]);
    expect(lines).to.include(
      '[schemas] order.created-value (FULL_TRANSITIVE): registered new version 1 (id 1)',
    );
    expect(lines.at(-1)).to.equal('[schemas] 2 registered, 0 already registered, 0 rejected');
  });

  it('is idempotent: a second run registers nothing new', async () => {
    await register([created(), cancelled]);
    lines = [];
    const results = await register([created(), cancelled]);
    expect(results.map((r) => r.outcome)).to.deep.equal(['unchanged', 'unchanged']);
    expect(registry.subjects.get('order.created-value')?.versions).to.have.length(1);
    expect(lines).to.include(
      '[schemas] order.created-value (FULL_TRANSITIVE): already registered as version 1 (id 1)',
    );
  });

  it('registers a compatible change as the next version', async () => {
    await register([created()]);
    const [result] = await register([created(field('note', ['null', 'string'], { default: null }))]);
    expect(result).to.include({ outcome: 'registered', version: 2 });
  });

  it('goes on past a rejected schema, then fails naming it and what to run', async () => {
    await register([created(), cancelled]);
    lines = [];
    const error = await register([created(field('note', 'string')), cancelled]).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(SchemasRejectedError);
    const rejected = error as SchemasRejectedError;
    expect(rejected.code).to.equal('SCHEMAS_REJECTED');
    expect(rejected.subjects.map((s) => s.subject)).to.deep.equal(['order.created-value']);
    expect(rejected.results.map((r) => r.outcome)).to.deep.equal(['rejected', 'unchanged']);
    expect(rejected.fix).to.contain('npm run schemas:check');
    expect(lines[1]).to.match(
      /^\[schemas\] order\.created-value \(FULL_TRANSITIVE\): REJECTED as incompatible: Incompatible artifact/,
    );
    expect(lines[1]).to.contain('npm run schemas:check');
  });

  it('fails with a clear error when the registry never answers', async () => {
    let attempts = 0;
    const error = await register([created()], {
      fetch: () => {
        attempts++;
        return Promise.reject(new TypeError('fetch failed'));
      },
      retry: { retries: 2, initialDelayMs: 1, maxDelayMs: 1, factor: 1 },
    }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RegistryUnreachableError);
    expect(attempts).to.equal(3);
    expect((error as RegistryUnreachableError).fix)
      .to.contain('npm start')
      .and.contain('SCHEMA_REGISTRY_URL');
  });
  it('passes the registry credentials on to every request it makes', async () => {
    const seen: (string | null)[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      seen.push(new Headers(init?.headers).get('authorization'));
      return registry.fetch(input, init);
    };
    await register([created()], { fetch, auth: { username: 'u', password: 'p' } });
    expect(seen).to.have.length.greaterThan(0);
    expect(new Set(seen)).to.deep.equal(new Set([`Basic ${Buffer.from('u:p').toString('base64')}`]));
  });
});
