import type Router from '@koa/router';
import { getOpenApiDocument } from './kit-operations.ts';
import type { OpenApiDocument } from './openapi-document.ts';

/**
 * `GET /openapi.json`: the service's OpenAPI document, to anyone: it describes the API, and holds no
 * data. Built once at start, so every request answers the same bytes.
 */
export function mountOpenApiRoute(router: Router, document: OpenApiDocument): void {
  const body = JSON.stringify(document);
  router.get(getOpenApiDocument.path, (ctx) => {
    ctx.type = 'application/json';
    ctx.body = body;
  });
}
