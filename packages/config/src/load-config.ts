import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './config-error.ts';
import { variables, type VariableName } from './variables.ts';

type Parsed = { [K in VariableName]: ReturnType<(typeof variables)[K]['schema']['parse']> };

export interface Config {
  readonly kafka: { readonly brokers: readonly string[] };
  readonly registry: { readonly url: string };
  readonly mongo: { readonly url: string };
  readonly stack: { readonly home: string };
  readonly logLevel: Parsed['LOG_LEVEL'];
  /** Each service's HTTP port. */
  readonly services: {
    readonly order: { readonly port: number };
    readonly orchestrator: { readonly port: number };
    readonly inventory: { readonly port: number };
    readonly payment: { readonly port: number };
  };
  /** Pieces whose variable is set: the local stack leaves them to the outside world. */
  readonly external: { readonly kafka: boolean; readonly registry: boolean; readonly mongo: boolean };
}

/** The repository root, so that relative paths mean the same thing from any package's working directory. */
export const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');

/**
 * Reads and validates the whole configuration from `env`. An empty variable counts as unset.
 * @throws ConfigError naming every invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: ConstructorParameters<typeof ConfigError>[0][number][] = [];
  const parsed: Partial<Record<VariableName, unknown>> = {};
  for (const name of Object.keys(variables) as VariableName[]) {
    const raw = env[name] === '' ? undefined : env[name];
    const result = variables[name].schema.safeParse(raw ?? variables[name].default);
    if (result.success) parsed[name] = result.data;
    else
      problems.push({
        variable: name,
        value: raw,
        message: result.error.issues.map((i) => i.message).join(', '),
      });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const p = parsed as Parsed;
  const isSet = (name: VariableName) => env[name] !== undefined && env[name] !== '';
  return {
    kafka: { brokers: p.KAFKA_BROKERS },
    registry: { url: p.SCHEMA_REGISTRY_URL },
    mongo: { url: p.MONGO_URL },
    stack: { home: isAbsolute(p.STACK_HOME) ? p.STACK_HOME : resolve(repoRoot, p.STACK_HOME) },
    logLevel: p.LOG_LEVEL,
    services: {
      order: { port: p.ORDER_SERVICE_PORT },
      orchestrator: { port: p.ORCHESTRATOR_SERVICE_PORT },
      inventory: { port: p.INVENTORY_SERVICE_PORT },
      payment: { port: p.PAYMENT_SERVICE_PORT },
    },
    external: {
      kafka: isSet('KAFKA_BROKERS'),
      registry: isSet('SCHEMA_REGISTRY_URL'),
      mongo: isSet('MONGO_URL'),
    },
  };
}
