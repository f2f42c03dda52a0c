import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { defineOperation, defineService, type ApiOperation, type ServiceDefinition } from '@saga/service-kit';
import { checkOpenApi, documentPath, writeDocuments } from '../src/index.ts';

const listThings = defineOperation({
  operationId: 'listThings',
  method: 'get',
  path: '/things',
  summary: 'The things',
  access: ['ops'],
  responses: { 200: { description: 'The things' } },
});
const getThing = defineOperation({ ...listThings, operationId: 'getThing', path: '/things/:thingId' });

/** A service of its own (named as the order service: definitions take the platform's names only). */
const service = (operations: readonly ApiOperation[], mount: readonly string[]): ServiceDefinition =>
  defineService({
    name: 'order-service',
    port: () => 0,
    publishes: [],
    consumes: [],
    models: () => [],
    api: { version: '1.0.0', operations },
    routes: (router) => {
      for (const path of mount) router.get(path, () => undefined);
    },
  });

describe('checkOpenApi', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'openapi-check-'));
    // The repository's prettier options, which the committed files are formatted by.
    const prettierrc = fileURLToPath(new URL('../../../.prettierrc.json', import.meta.url));
    await writeFile(join(root, '.prettierrc.json'), await readFile(prettierrc));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('passes when the routes, the operations and the committed document agree', async () => {
    const agreeing = service([listThings, getThing], ['/things', '/things/:thingId']);
    await writeDocuments(root, [agreeing]);
    expect(await checkOpenApi(root, agreeing)).to.deep.equal([]);
  });

  it('reports a mounted route that has no operation', async () => {
    const undocumented = service([listThings], ['/things', '/things/:thingId']);
    await writeDocuments(root, [undocumented]);
    expect(await checkOpenApi(root, undocumented)).to.deep.equal([
      'order-service: GET /things/{thingId} is mounted but has no operation in the document',
    ]);
  });

  it('reports an operation that no route answers', async () => {
    const unanswered = service([listThings, getThing], ['/things']);
    await writeDocuments(root, [unanswered]);
    expect(await checkOpenApi(root, unanswered)).to.deep.equal([
      'order-service: GET /things/{thingId} is in the document but no route answers it',
    ]);
  });

  it('reports a committed document that generation would now write differently, and a missing one', async () => {
    const before = service([listThings], ['/things']);
    await writeDocuments(root, [before]);
    const changed = service([{ ...listThings, summary: 'Every thing' }], ['/things']);
    expect(await checkOpenApi(root, changed)).to.deep.equal([
      "order-service: docs/openapi/order-service.json is stale (the routes' schemas changed); run npm run openapi",
    ]);
    await rm(documentPath(root, before));
    expect(await checkOpenApi(root, before)).to.deep.equal([
      'order-service: docs/openapi/order-service.json is missing; run npm run openapi',
    ]);
  });

  it('finds the platform services in agreement with docs/openapi/', async () => {
    const { platformServices } = await import('../src/platform-services.ts');
    const repository = fileURLToPath(new URL('../../..', import.meta.url));
    for (const platformService of platformServices)
      expect(await checkOpenApi(repository, platformService), platformService.name).to.deep.equal([]);
  });
});
