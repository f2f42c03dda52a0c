import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import {
  checkSchemas,
  createRegistryClient,
  formatCheckReport,
  parseCompatibilityConfig,
  registerSchemas,
  SchemasRejectedError,
  type CompatibilityMode,
  type SubjectSchema,
} from '@saga/schema-tools';

/**
 * `schemas:check` against the real registry: it compares with every registered version the mode
 * covers, agrees with the registry's own verdict, and names the field the registry rejects.
 * Subjects carry a per-run id so that the real topics' subjects are never touched.
 */
describe('schemas:check against the registry', function () {
  this.timeout(60_000);
  const registryUrl = loadConfig().registry.url;
  const registry = createRegistryClient({ url: registryUrl });
  const run = randomUUID().slice(0, 8);
  let topicCount = 0;

  /** A fresh topic per test, and a way to write versions of its schema. */
  function freshTopic() {
    const topic = `it-check-${run}-${++topicCount}.order.created`;
    return (...fields: object[]): SubjectSchema => ({
      topic,
      subject: `${topic}-value`,
      schema: {
        type: 'record',
        name: 'OrderCreated',
        namespace: 'io.saga.it',
        fields: [{ name: 'orderId', type: 'string' }, ...fields],
      },
    });
  }
  const config = (schema: SubjectSchema, mode: CompatibilityMode = 'FULL_TRANSITIVE') =>
    parseCompatibilityConfig({ default: mode, subjects: {} }, [schema.subject]);
  const register = (schema: SubjectSchema, mode?: CompatibilityMode) =>
    registerSchemas({ registryUrl, schemas: [schema], compatibility: config(schema, mode) });
  const check = (schema: SubjectSchema, mode?: CompatibilityMode) =>
    checkSchemas({
      schemas: [schema],
      baseline: { label: 'HEAD', schemas: [] },
      compatibility: config(schema, mode),
      registry,
    });

  after(async () => {
    for (let n = 1; n <= topicCount; n++) {
      await deleteSubject(registryUrl, `it-check-${run}-${n}.order.created-value`);
    }
  });

  it('reports the field of a version the registry rejects, with the registry version and verdict', async () => {
    const version = freshTopic();
    await register(version());
    const breaking = version({ name: 'customerId', type: 'string' });
    expect(await register(breaking).catch((e: unknown) => e)).to.be.instanceOf(SchemasRejectedError);

    const report = await check(breaking);
    expect(report.registry.state).to.equal('online');
    expect(report.passed).to.equal(false);
    const result = report.subjects[0]?.registry;
    expect(result?.state).to.equal('checked');
    if (result?.state !== 'checked') return;
    expect(result.versions).to.deep.equal([1]);
    expect(result.verdict).to.deep.equal({ compatible: false, level: 'FULL_TRANSITIVE', counted: true });
    const violations = result.comparisons.flatMap((c) =>
      c.violations.map((v) => [c.against, c.direction, v.path]),
    );
    expect(violations).to.deep.equal([['registry version 1', 'backward', 'OrderCreated.customerId']]);
    const lines = formatCheckReport(report);
    expect(lines).to.include(`FAIL ${breaking.subject} (FULL_TRANSITIVE): not in HEAD`);
    expect(lines).to.include('  registry verdict: incompatible');
    expect(lines.join('\n')).to.contain('fix: add a default to field "customerId"');
  });

  it('checks every version under FULL_TRANSITIVE, and only the latest under FULL, as the registry does', async () => {
    // v1 {a}, v2 {a with default}, v3 {}: v3 is fine against v2, but v1 readers need "a".
    const version = freshTopic();
    await register(version({ name: 'a', type: 'string' }));
    await register(version({ name: 'a', type: 'string', default: '' }));
    const v3 = version();

    const transitive = await check(v3);
    const result = transitive.subjects[0]?.registry;
    expect(result?.state === 'checked' && result.versions).to.deep.equal([1, 2]);
    const failing =
      result?.state === 'checked' ? result.comparisons.filter((c) => c.violations.length > 0) : [];
    expect(failing.map((c) => [c.against, c.direction, c.violations[0]?.path])).to.deep.equal([
      ['registry version 1', 'forward', 'OrderCreated.a'],
    ]);
    expect(result?.state === 'checked' && result.verdict.compatible).to.equal(false);
    expect(await register(v3).catch((e: unknown) => e)).to.be.instanceOf(SchemasRejectedError);

    await registry.setCompatibility(v3.subject, 'FULL');
    const latestOnly = await check(v3, 'FULL');
    expect(latestOnly.passed).to.equal(true);
    const fullResult = latestOnly.subjects[0]?.registry;
    expect(fullResult?.state === 'checked' && fullResult.versions).to.deep.equal([2]);
    expect(fullResult?.state === 'checked' && fullResult.verdict).to.deep.equal({
      compatible: true,
      level: 'FULL',
      counted: true,
    });
  });

  it('passes a compatible change, and says so once it is registered', async () => {
    const version = freshTopic();
    await register(version());
    const safe = version({ name: 'note', type: ['null', 'string'], default: null });
    const before = await check(safe);
    expect(before.passed).to.equal(true);
    expect(before.subjects[0]?.registry?.state).to.equal('checked');

    const [registered] = await register(safe);
    const after = await check(safe);
    expect(after.subjects[0]?.registry).to.deep.equal({
      state: 'registered',
      version: 2,
      id: registered?.outcome === 'registered' ? registered.id : -1,
    });
  });

  it('calls a subject the registry has never seen new', async () => {
    const report = await check(freshTopic()());
    expect(report.subjects[0]?.registry).to.deep.equal({ state: 'new' });
    expect(report.passed).to.equal(true);
  });
});

/** Soft-delete, then permanently delete, so that test runs do not pile up subjects (Apicurio caps GET /subjects). */
async function deleteSubject(registryUrl: string, subject: string): Promise<void> {
  const url = `${registryUrl}/subjects/${encodeURIComponent(subject)}`;
  await fetch(url, { method: 'DELETE' });
  await fetch(`${url}?permanent=true`, { method: 'DELETE' });
}
