import type Router from '@koa/router';
import { openApiPath, type OpenApiDocument } from './openapi-document.ts';

/** A route as mounted on a router: its method (upper case) and its path as OpenAPI writes it. */
export interface MountedRoute {
  readonly method: string;
  readonly path: string;
}

const documentedMethods = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The routes a router answers, one per method and path; HEAD is left out, as the router adds it to
 * every GET by itself.
 */
export function mountedRoutes(router: Router): MountedRoute[] {
  return router.stack.flatMap((layer) =>
    layer.methods
      .filter((method) => method !== 'HEAD')
      .map((method) => ({ method, path: openApiPath(String(layer.path)) })),
  );
}

/** The operations a document describes, as routes. */
export function documentedRoutes(document: OpenApiDocument): MountedRoute[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    documentedMethods
      .filter((method) => item[method] !== undefined)
      .map((method) => ({ method: method.toUpperCase(), path })),
  );
}

/**
 * Where a service's routes and its document disagree: a route the document does not describe, and an
 * operation no route answers, each as one line naming the method and path. Empty when they agree.
 */
export function routeDrift(mounted: readonly MountedRoute[], documented: readonly MountedRoute[]): string[] {
  const key = (route: MountedRoute) => `${route.method} ${route.path}`;
  const described = new Set(documented.map(key));
  const answered = new Set(mounted.map(key));
  return [
    ...[...answered]
      .filter((route) => !described.has(route))
      .map((route) => `${route} is mounted but has no operation in the document`),
    ...[...described]
      .filter((route) => !answered.has(route))
      .map((route) => `${route} is in the document but no route answers it`),
  ];
}
