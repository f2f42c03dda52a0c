import { repoRoot } from '@saga/config';
import { join } from 'node:path';

/** The four services, in start order. */
export const serviceNames = [
  'order-service',
  'orchestrator-service',
  'inventory-service',
  'payment-service',
] as const;
export type ServiceName = (typeof serviceNames)[number];

/**
 * The bearer tokens the harness gives the services (OPS_TOKENS, ADMIN_TOKENS) and sends itself, and
 * the secret its customers' JWTs are signed with (AUTH_JWT_SECRET): fixed, test-only values, long
 * enough for the configuration's minimums.
 */
export const testTokens = {
  ops: 'chaos-ops-token-2f7c9e41b8d3',
  admin: 'chaos-admin-token-8a1d5c3e7f92',
  jwtSecret: 'chaos-jwt-secret-5d0b6a2e9c4f7318a6e2',
} as const;

/**
 * Ports of their own, away from `npm start`'s 3000-3003, so that a run never answers for (or
 * collides with) a platform someone left running.
 */
export const harnessPorts: Readonly<Record<ServiceName, number>> = {
  'order-service': 3400,
  'orchestrator-service': 3401,
  'inventory-service': 3402,
  'payment-service': 3403,
};

export const portVariables: Readonly<Record<ServiceName, string>> = {
  'order-service': 'ORDER_SERVICE_PORT',
  'orchestrator-service': 'ORCHESTRATOR_SERVICE_PORT',
  'inventory-service': 'INVENTORY_SERVICE_PORT',
  'payment-service': 'PAYMENT_SERVICE_PORT',
};

export const entryOf = (name: ServiceName) => join(repoRoot, 'services', name, 'src', 'main.ts');

/** The database each service keeps (runService's default: the name with `_`). */
export const databaseOf = (name: ServiceName) => name.replaceAll('-', '_');

export const urlOf = (name: ServiceName) => `http://127.0.0.1:${harnessPorts[name]}`;
