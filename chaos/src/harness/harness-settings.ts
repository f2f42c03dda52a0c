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
 * The bearer tokens the harness gives the services (API_TOKENS, ADMIN_TOKENS) and sends itself:
 * fixed, test-only values, long enough for the configuration's 16-character minimum.
 */
export const testTokens = {
  api: 'chaos-api-token-2f7c9e41b8d3',
  admin: 'chaos-admin-token-8a1d5c3e7f92',
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
