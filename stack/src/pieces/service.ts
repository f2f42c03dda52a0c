import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, type Config } from '@saga/config';
import { resolveStackTokens } from '../secrets/stack-tokens.ts';
import type { Piece, ServiceName } from './piece.ts';

/** Where each service's port comes from in the configuration. */
const ports: Record<ServiceName, (config: Config) => number> = {
  'order-service': (c) => c.services.order.port,
  'orchestrator-service': (c) => c.services.orchestrator.port,
  'inventory-service': (c) => c.services.inventory.port,
  'payment-service': (c) => c.services.payment.port,
  console: (c) => c.services.console.port,
};

const entryOf = (name: ServiceName) => join(repoRoot, 'services', name, 'src', 'main.ts');

/**
 * One of the platform's services as a supervised process: Node 24 running its TypeScript entry
 * through tsx, ready when its /readyz says Kafka, the registry, the store and its schemas are fine.
 * It gets the bearer tokens in its environment: OPS_TOKENS, ADMIN_TOKENS and AUTH_JWT_SECRET when set, else the stack's
 * generated ones (see secrets/stack-tokens.ts).
 */
export function servicePiece(name: ServiceName, config: Config): Piece {
  const entry = entryOf(name);
  const port = ports[name](config);
  const url = () => `http://127.0.0.1:${port}`;
  return {
    name,
    title: name,
    ports: [port],
    readyTimeoutMs: 90_000,
    address: url,
    isExternal: () => false,
    checkPrerequisites: () => Promise.resolve(),
    provision: () => Promise.resolve(),
    prepare: async (ctx) => {
      const tokens = await resolveStackTokens(ctx.paths.home, process.env);
      return {
        command: process.execPath,
        args: ['--disable-warning=TimeoutNegativeWarning', '--import', 'tsx', entry],
        cwd: repoRoot,
        env: {
          NODE_ENV: process.env.NODE_ENV ?? 'development',
          LOG_LEVEL: ctx.config.logLevel,
          ...tokens.env,
        },
        signature: entry,
      };
    },
    async probe() {
      try {
        const response = await fetch(`${url()}/readyz`, { signal: AbortSignal.timeout(2000) });
        const body = await response.text();
        return {
          ok: response.ok,
          detail: response.ok ? 'ready' : `HTTP ${response.status}: ${body.slice(0, 300)}`,
        };
      } catch (error) {
        const cause = (error as Error).cause as Error | undefined;
        return { ok: false, detail: cause?.message ?? (error as Error).message };
      }
    },
  };
}

const allServices: readonly ServiceName[] = [
  'order-service',
  'orchestrator-service',
  'inventory-service',
  'payment-service',
  // Last: it only reads the others' APIs, and is ready without them.
  'console',
];

/** The services that exist in this checkout (each has services/<name>/src/main.ts), in start order. */
export function servicePieces(config: Config): Piece[] {
  return allServices.filter((s) => existsSync(entryOf(s))).map((s) => servicePiece(s, config));
}
