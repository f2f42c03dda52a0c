import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './config-error.ts';
import { retiredVariables, secretVariables, variables, type VariableName } from './variables.ts';

type Parsed = { [K in VariableName]: ReturnType<(typeof variables)[K]['schema']['parse']> };

export interface Config {
  readonly kafka: {
    readonly brokers: readonly string[];
    /** Prepended to every topic's name on the broker; '' outside a test namespace. */
    readonly topicPrefix: string;
    /** TLS to the brokers; `caFile` replaces the system CAs. */
    readonly ssl?: { readonly caFile?: string };
    readonly sasl?: {
      readonly mechanism: 'scram-sha-256' | 'scram-sha-512' | 'plain';
      readonly username: string;
      readonly password: string;
    };
  };
  readonly registry: {
    readonly url: string;
    readonly auth?: { readonly username: string; readonly password: string };
  };
  /**
   * Who may call the HTTP APIs: static service-account tokens per role, and how customers' JWTs are
   * verified (`jwt` fields only when set). Nothing configured grants nothing: the edge refuses everyone.
   */
  readonly auth: {
    readonly opsTokens: readonly string[];
    readonly adminTokens: readonly string[];
    readonly jwt: {
      readonly secret?: string;
      readonly jwksUrl?: string;
      readonly issuer?: string;
      readonly audience?: string;
    };
  };
  /** Tests only: named points at which the service kills itself. */
  readonly crashPoints: readonly string[];
  readonly mongo: { readonly url: string; readonly dbPrefix: string };
  readonly stack: { readonly home: string };
  readonly logLevel: Parsed['LOG_LEVEL'];
  /** GET /metrics (METRICS_PUBLIC): open to anyone, or to ops and admin callers only. */
  readonly metrics: { readonly public: boolean };
  /** The address every service listens on (HOST). */
  readonly host: string;
  /** Each service's HTTP port. */
  readonly services: {
    readonly order: {
      readonly port: number;
      /** The sweep of orders left PENDING (PENDING_ORDER_SWEEP_*, PENDING_ORDER_MAX_REDRIVES). */
      readonly pendingSweep: {
        readonly afterMs: number;
        readonly everyMs: number;
        readonly maxRedrives: number;
      };
    };
    readonly orchestrator: {
      readonly port: number;
      /** SAGA_STEP_POLICIES: deadlines and re-sends by saga and step name, instead of the definitions' own. */
      readonly stepPolicies: Parsed['SAGA_STEP_POLICIES'];
    };
    readonly inventory: { readonly port: number };
    readonly payment: { readonly port: number };
    readonly console: { readonly port: number };
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
        // A bad token or password is still a secret: the message names the variable, not the value.
        value: secretVariables.has(name) && raw !== undefined ? '[redacted]' : raw,
        message: result.error.issues.map((i) => i.message).join(', '),
      });
  }
  const p = parsed as Parsed;
  const isSet = (name: VariableName) => env[name] !== undefined && env[name] !== '';
  problems.push(...pairingProblems(isSet));
  for (const [name, instead] of Object.entries(retiredVariables)) {
    if (env[name] !== undefined && env[name] !== '') {
      problems.push({ variable: name, value: '[set]', message: `is no longer read: ${instead}` });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const sasl = p.KAFKA_SASL_MECHANISM;
  return {
    kafka: {
      brokers: p.KAFKA_BROKERS,
      topicPrefix: p.KAFKA_TOPIC_PREFIX,
      ...(p.KAFKA_SSL || p.KAFKA_SSL_CA_FILE !== ''
        ? { ssl: p.KAFKA_SSL_CA_FILE === '' ? {} : { caFile: p.KAFKA_SSL_CA_FILE } }
        : {}),
      ...(sasl
        ? { sasl: { mechanism: sasl, username: p.KAFKA_SASL_USERNAME, password: p.KAFKA_SASL_PASSWORD } }
        : {}),
    },
    registry: {
      url: p.SCHEMA_REGISTRY_URL,
      ...(isSet('SCHEMA_REGISTRY_USERNAME')
        ? { auth: { username: p.SCHEMA_REGISTRY_USERNAME, password: p.SCHEMA_REGISTRY_PASSWORD } }
        : {}),
    },
    auth: {
      opsTokens: p.OPS_TOKENS,
      adminTokens: p.ADMIN_TOKENS,
      jwt: {
        ...(p.AUTH_JWT_SECRET === '' ? {} : { secret: p.AUTH_JWT_SECRET }),
        ...(p.AUTH_JWKS_URL === '' ? {} : { jwksUrl: p.AUTH_JWKS_URL }),
        ...(p.AUTH_JWT_ISSUER === '' ? {} : { issuer: p.AUTH_JWT_ISSUER }),
        ...(p.AUTH_JWT_AUDIENCE === '' ? {} : { audience: p.AUTH_JWT_AUDIENCE }),
      },
    },
    crashPoints: p.SAGA_CRASH_POINTS,
    mongo: { url: p.MONGO_URL, dbPrefix: p.MONGO_DB_PREFIX },
    stack: { home: isAbsolute(p.STACK_HOME) ? p.STACK_HOME : resolve(repoRoot, p.STACK_HOME) },
    logLevel: p.LOG_LEVEL,
    metrics: { public: p.METRICS_PUBLIC },
    host: p.HOST,
    services: {
      order: {
        port: p.ORDER_SERVICE_PORT,
        pendingSweep: {
          afterMs: p.PENDING_ORDER_SWEEP_AFTER_MS,
          everyMs: p.PENDING_ORDER_SWEEP_EVERY_MS,
          maxRedrives: p.PENDING_ORDER_MAX_REDRIVES,
        },
      },
      orchestrator: { port: p.ORCHESTRATOR_SERVICE_PORT, stepPolicies: p.SAGA_STEP_POLICIES },
      inventory: { port: p.INVENTORY_SERVICE_PORT },
      payment: { port: p.PAYMENT_SERVICE_PORT },
      console: { port: p.CONSOLE_PORT },
    },
    external: {
      kafka: isSet('KAFKA_BROKERS'),
      registry: isSet('SCHEMA_REGISTRY_URL'),
      mongo: isSet('MONGO_URL'),
    },
  };
}

/** Variables that only make sense together: a SASL mechanism needs credentials, a registry user a password. */
function pairingProblems(
  isSet: (name: VariableName) => boolean,
): ConstructorParameters<typeof ConfigError>[0][number][] {
  const problems: ConstructorParameters<typeof ConfigError>[0][number][] = [];
  if (isSet('KAFKA_SASL_MECHANISM')) {
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (!isSet(name)) {
        problems.push({
          variable: name,
          value: undefined,
          message: 'must be set when KAFKA_SASL_MECHANISM is',
        });
      }
    }
  } else {
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (isSet(name)) {
        problems.push({ variable: name, value: '[set]', message: 'needs KAFKA_SASL_MECHANISM as well' });
      }
    }
  }
  if (isSet('SCHEMA_REGISTRY_USERNAME') !== isSet('SCHEMA_REGISTRY_PASSWORD')) {
    const missing = isSet('SCHEMA_REGISTRY_USERNAME')
      ? 'SCHEMA_REGISTRY_PASSWORD'
      : 'SCHEMA_REGISTRY_USERNAME';
    problems.push({
      variable: missing,
      value: undefined,
      message: 'registry basic auth needs both SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD',
    });
  }
  return problems;
}
