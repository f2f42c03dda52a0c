import Router from '@koa/router';
import { expect } from 'chai';
import {
  documentedRoutes,
  mountedRoutes,
  openApiDocument,
  routeDrift,
  type ApiOperation,
} from '../src/index.ts';

const operation = (method: ApiOperation['method'], path: string): ApiOperation => ({
  operationId: `${method}${path}`,
  method,
  path,
  summary: path,
  access: 'anyone',
  responses: { 200: { description: 'ok' } },
});

describe('routeDrift', () => {
  const router = new Router();
  router.get('/things', () => undefined);
  router.put('/things/:thingId', () => undefined);

  it('reads the routes a router answers, without the HEAD it adds to each GET', () => {
    expect(mountedRoutes(router)).to.deep.equal([
      { method: 'GET', path: '/things' },
      { method: 'PUT', path: '/things/{thingId}' },
    ]);
  });

  it('finds nothing when every route has its operation and every operation its route', () => {
    const document = openApiDocument({
      name: 'thing-service',
      version: '1',
      operations: [operation('get', '/things'), operation('put', '/things/:thingId')],
    });
    expect(routeDrift(mountedRoutes(router), documentedRoutes(document))).to.deep.equal([]);
  });

  it('reports a route without an operation, and an operation without a route', () => {
    const document = openApiDocument({
      name: 'thing-service',
      version: '1',
      operations: [operation('get', '/things'), operation('post', '/things/:thingId')],
    });
    expect(routeDrift(mountedRoutes(router), documentedRoutes(document))).to.deep.equal([
      'PUT /things/{thingId} is mounted but has no operation in the document',
      'POST /things/{thingId} is in the document but no route answers it',
    ]);
  });
});
