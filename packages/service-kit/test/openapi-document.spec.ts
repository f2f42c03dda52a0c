import { expect } from 'chai';
import { z } from 'zod';
import {
  createHttpApp,
  createReadiness,
  defineOperation,
  openApiDocument,
  openApiPath,
} from '../src/index.ts';
import { memoryLogger } from './support/memory-logger.ts';
import { serve } from './support/serve.ts';

const getThing = defineOperation({
  operationId: 'getThing',
  method: 'get',
  path: '/things/:thingId',
  summary: 'A thing',
  access: ['admin', 'ops'],
  params: z.object({ thingId: z.uuid() }),
  responses: {
    200: { description: 'The thing', body: z.object({ thingId: z.uuid(), size: z.number().int() }) },
  },
  errors: { 404: 'No such thing' },
});

describe('openApiDocument', () => {
  const document = openApiDocument({ name: 'thing-service', version: '1.2.3', operations: [getThing] });
  const operation = document.paths?.['/things/{thingId}']?.get;

  it('is an OpenAPI 3.1 document titled by the service, at its version, with a bearer scheme', () => {
    expect(document.openapi).to.equal('3.1.0');
    expect(document.info).to.include({ title: 'thing-service', version: '1.2.3' });
    expect(document.components?.securitySchemes?.bearer).to.include({ type: 'http', scheme: 'bearer' });
  });

  it('writes router paths the OpenAPI way', () => {
    expect(openApiPath('/sagas/:sagaId/retry')).to.equal('/sagas/{sagaId}/retry');
  });

  it("describes an operation's parameters, answer and roles from its own schemas", () => {
    expect(operation?.operationId).to.equal('getThing');
    expect(operation?.security).to.deep.equal([{ bearer: [] }]);
    expect(operation?.['x-roles']).to.deep.equal(['admin', 'ops']);
    expect(operation?.description).to.contain('Roles: admin, ops.');
    const [parameter] = operation?.parameters ?? [];
    expect(parameter).to.include({ in: 'path', name: 'thingId', required: true });
    expect(parameter).to.have.nested.property('schema.format', 'uuid');
    expect(operation?.responses?.['200']).to.have.nested.property(
      'content.application/json.schema.properties.size',
    );
  });

  it('gives every error answer the one error body, with 401 and 403 for an operation that needs a role', () => {
    const errors = ['401', '403', '404', '500', '503'];
    for (const status of errors)
      expect(operation?.responses?.[status], status).to.have.nested.property(
        'content.application/json.schema.$ref',
        '#/components/schemas/ErrorBody',
      );
  });

  it('refuses two operations on one method and path', () => {
    expect(() =>
      openApiDocument({
        name: 'thing-service',
        version: '1',
        operations: [getThing, { ...getThing, operationId: 'again' }],
      }),
    ).to.throw(/again \(GET \/things\/:thingId\) is declared twice/);
  });

  it('is served at GET /openapi.json without a token', async () => {
    const app = createHttpApp({
      logger: memoryLogger().logger,
      readiness: createReadiness({ probes: {} }),
      openapi: document,
    });
    const server = await serve(app);
    try {
      const response = await fetch(`${server.url}/openapi.json`);
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.contain('application/json');
      expect(await response.json()).to.deep.equal(JSON.parse(JSON.stringify(document)));
    } finally {
      await server.close();
    }
  });
});
