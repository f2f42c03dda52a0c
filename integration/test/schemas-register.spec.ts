import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import {
  createRegistryClient,
  parseCompatibilityConfig,
  registerSchemas,
  RegistryUnreachableError,
  SchemasRejectedError,
  type SubjectSchema,
} from '@saga/schema-tools';

/**
 * `schemas:register` against the real registry. Subjects carry a per-run id, so these tests
 * never touch the real topics' subjects and can run again on the same registry.
 */
describe('schemas:register against the registry', function () {
  this.timeout(60_000);
  const registryUrl = loadConfig().registry.url;
  const registry = createRegistryClient({ url: registryUrl });
  const run = randomUUID().slice(0, 8);
  const lines: string[] = [];
  const reporter = { info: (line: string) => lines.push(line) };

  const subjects = new Set<string>();
  const topic = (name: string) => `it-schemas-${run}.${name}`;
  const schema = (name: string, record: string, fields: object[]): SubjectSchema => {
    subjects.add(`${topic(name)}-value`);
    return {
      topic: topic(name),
      subject: `${topic(name)}-value`,
      schema: { type: 'record', name: record, namespace: 'io.saga.it', fields },
    };
  };
  const orderId = { name: 'orderId', type: 'string' };
  const config = (subjects: SubjectSchema[], overrides: Record<string, string> = {}) =>
    parseCompatibilityConfig(
      { default: 'FULL_TRANSITIVE', subjects: overrides },
      subjects.map((s) => s.subject),
    );

  beforeEach(() => {
    lines.length = 0;
  });

  after(async () => {
    for (const subject of subjects) await deleteSubject(registryUrl, subject);
  });

  it('sets each subject’s mode, registers, and registers nothing new the second time', async () => {
    const schemas = [
      schema('order.created', 'OrderCreated', [orderId]),
      schema('order.cancel', 'OrderCancel', [orderId]),
    ];
    const compatibility = config(schemas, { [`${topic('order.cancel')}-value`]: 'BACKWARD' });

    const first = await registerSchemas({ registryUrl, schemas, compatibility, reporter });
    expect(first.map((r) => [r.outcome, r.outcome === 'rejected' ? 0 : r.version])).to.deep.equal([
      ['registered', 1],
      ['registered', 1],
    ]);
    expect(await registry.compatibility(schemas[0]!.subject)).to.equal('FULL_TRANSITIVE');
    expect(await registry.compatibility(schemas[1]!.subject)).to.equal('BACKWARD');

    const second = await registerSchemas({ registryUrl, schemas, compatibility, reporter });
    expect(second.map((r) => r.outcome)).to.deep.equal(['unchanged', 'unchanged']);
    expect(second.map((r) => r.outcome !== 'rejected' && r.id)).to.deep.equal(
      first.map((r) => r.outcome !== 'rejected' && r.id),
    );
    expect(await registry.versions(schemas[0]!.subject)).to.deep.equal([1]);
    expect(lines.at(-1)).to.equal('[schemas] 0 registered, 2 already registered, 0 rejected');
  });

  it('registers a compatible change as the next version', async () => {
    const v1 = schema('payment.request', 'PaymentRequest', [orderId]);
    const v2 = schema('payment.request', 'PaymentRequest', [
      orderId,
      { name: 'note', type: ['null', 'string'], default: null },
    ]);
    await registerSchemas({ registryUrl, schemas: [v1], compatibility: config([v1]), reporter });
    const [result] = await registerSchemas({
      registryUrl,
      schemas: [v2],
      compatibility: config([v2]),
      reporter,
    });
    expect(result).to.include({ outcome: 'registered', version: 2 });
    expect(lines).to.include(
      `[schemas] ${v2.subject} (FULL_TRANSITIVE): registered new version 2 (id ${result?.outcome === 'registered' ? result.id : '?'})`,
    );
  });

  it('reports a version the registry rejects, and fails pointing at schemas:check', async () => {
    const v1 = schema('inventory.reserve', 'InventoryReserve', [orderId]);
    const v2 = schema('inventory.reserve', 'InventoryReserve', [
      orderId,
      { name: 'warehouse', type: 'string' },
    ]);
    await registerSchemas({ registryUrl, schemas: [v1], compatibility: config([v1]), reporter });

    const error = await registerSchemas({
      registryUrl,
      schemas: [v2],
      compatibility: config([v2]),
      reporter,
    }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(SchemasRejectedError);
    const rejected = error as SchemasRejectedError;
    expect(rejected.subjects[0]?.subject).to.equal(v2.subject);
    // Apicurio names the offending field in its 409 message.
    expect(rejected.subjects[0]?.message).to.contain('warehouse');
    expect(rejected.fix).to.contain('npm run schemas:check');
    expect(await registry.versions(v2.subject)).to.deep.equal([1]);
  });

  it('fails with a clear error when nothing answers at the registry URL', async () => {
    const error = await registerSchemas({
      registryUrl: 'http://127.0.0.1:1/apis/ccompat/v7',
      schemas: [schema('order.created', 'OrderCreated', [orderId])],
      compatibility: config([schema('order.created', 'OrderCreated', [orderId])]),
      retry: { retries: 2, initialDelayMs: 50, maxDelayMs: 100, factor: 2 },
    }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RegistryUnreachableError);
    const unreachable = error as RegistryUnreachableError;
    expect(unreachable.message)
      .to.contain('http://127.0.0.1:1/apis/ccompat/v7')
      .and.contain('after 3 attempts');
    expect(unreachable.fix).to.contain('`npm start`').and.contain('SCHEMA_REGISTRY_URL');
  });
});

/** Soft-delete, then permanently delete, so that test runs do not pile up subjects (Apicurio caps GET /subjects). */
async function deleteSubject(registryUrl: string, subject: string): Promise<void> {
  const url = `${registryUrl}/subjects/${encodeURIComponent(subject)}`;
  await fetch(url, { method: 'DELETE' });
  await fetch(`${url}?permanent=true`, { method: 'DELETE' });
}
