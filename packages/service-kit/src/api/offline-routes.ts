import type Router from '@koa/router';
import mongoose from 'mongoose';
import { loadConfig } from '@saga/config';
import { createLogger } from '@saga/logging';
import { createHttpApp } from '../http/create-http-app.ts';
import type { Readiness } from '../http/readiness.ts';
import type { ServiceContext, ServiceDefinition } from '../runtime/service-definition.ts';
import { createServiceMetrics } from '../runtime/service-metrics.ts';
import { serviceRoutes } from '../runtime/service-routes.ts';
import { mountedRoutes, type MountedRoute } from './route-drift.ts';
import { serviceDocument } from './service-document.ts';

/**
 * Every role's way in configured, so that every route mounts (a route that no caller could reach is
 * not mounted at all). Placeholders: nothing is ever called.
 */
const everyRouteEnv: NodeJS.ProcessEnv = {
  OPS_TOKENS: 'offline-routes-ops-token-0123456789',
  ADMIN_TOKENS: 'offline-routes-admin-token-0123456789',
  AUTH_JWT_SECRET: 'offline-routes-jwt-secret-0123456789-abcdefghij',
};

/**
 * The routes a service mounts, read without running it: the app is built as runService builds it,
 * with every role configured, on a context whose store connection never connects and whose other
 * parts refuse any call. Mounting a route only wires its middleware, so nothing is called; a route
 * that did call one at mount time fails here with the part's name.
 */
export async function offlineRoutes(definition: ServiceDefinition): Promise<MountedRoute[]> {
  const config = loadConfig(everyRouteEnv);
  const logger = createLogger(definition.name, 'silent');
  const db = mongoose.createConnection();
  try {
    const metrics = createServiceMetrics({ service: definition.name, logger });
    const context: ServiceContext = {
      config,
      logger,
      db,
      metrics: metrics.registry,
      events: unavailable('events') as ServiceContext['events'],
      relay: unavailable('relay') as ServiceContext['relay'],
      writer: unavailable('writer') as ServiceContext['writer'],
      aggregates: unavailable('aggregates') as ServiceContext['aggregates'],
    };
    const app = createHttpApp({
      logger,
      readiness: unavailable('readiness') as Readiness,
      auth: config.auth,
      metrics: { registry: metrics.registry, public: false },
      openapi: serviceDocument(definition),
      routes: serviceRoutes(definition, context),
    });
    const router = app.middleware
      .map((middleware) => (middleware as { router?: Router }).router)
      .find((found) => found !== undefined);
    if (!router) throw new Error(`${definition.name}: the HTTP app mounts no router`);
    return mountedRoutes(router);
  } finally {
    await db.close();
  }
}

/** A stand-in that any property read answers with another stand-in, and any call refuses, by name. */
function unavailable(name: string): unknown {
  const target = () => undefined;
  return new Proxy(target, {
    get: (_, property): unknown =>
      property === 'then' ? undefined : unavailable(`${name}.${String(property)}`),
    apply: () => {
      throw new Error(
        `${name}() was called while reading the routes offline: mounting a route must not call it`,
      );
    },
  });
}
