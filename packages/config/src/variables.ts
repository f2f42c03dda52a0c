import { z } from 'zod';
import { tracingVariables } from './tracing-variables.ts';

/** An HTTP port; 0 asks the OS for any free one, which tests use to run services side by side. */
const port = (service: string, defaultPort: number) => ({
  default: String(defaultPort),
  doc: `HTTP port of ${service}. 0 takes any free port (tests use it).`,
  schema: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number, 0-65535')
    .transform(Number)
    .pipe(z.number().max(65_535, 'must be a port number, 0-65535')),
});

/** A comma-separated list of bearer tokens; blanks are dropped, each must be long enough to resist guessing. */
const tokens = (role: string) => ({
  default: '',
  doc: `Comma-separated bearer tokens granting the ${role} role (at least 16 characters each). \`npm start\` generates them on first run when unset.`,
  schema: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    )
    .pipe(
      z.array(
        z
          .string()
          .min(16, 'each token must be at least 16 characters')
          .regex(/^[\x21-\x7e]+$/, 'tokens are printable ASCII without spaces'),
      ),
    ),
});

/** A whole number of milliseconds, at least `min`. */
const milliseconds = (defaultMs: number, min: number, doc: string) => ({
  default: String(defaultMs),
  doc,
  schema: z
    .string()
    .regex(/^\d{1,12}$/, 'must be a whole number of milliseconds')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min} ms`)),
});

/** A saga step's deadline and re-sends (the saga engine's StepPolicy), as SAGA_STEP_POLICIES gives one. */
const stepPolicy = z.strictObject({
  deadlineMs: z.int().positive(),
  maxAttempts: z.int().min(1),
  backoff: z.strictObject({
    multiplier: z.number().min(1),
    maxDeadlineMs: z.int().positive(),
    jitter: z.number().min(0).max(1),
  }),
});

/** SAGA_STEP_POLICIES: JSON, by saga name then step name; empty means none. */
const stepPolicies = z
  .string()
  .transform((text, ctx) => {
    if (text.trim() === '') return {};
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `must be JSON (${(error as Error).message})` });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(
      z.string(),
      z.record(
        z.string(),
        z.strictObject({ command: stepPolicy.exactOptional(), compensation: stepPolicy.exactOptional() }),
        { error: 'must map each saga name to {step name: {command?, compensation?}}' },
      ),
      { error: 'must be a JSON object by saga name, e.g. {"return": {"refundReturn": {"command": {...}}}}' },
    ),
  );

/** A value that may be empty (unset). */
const optionalText = (doc: string) => ({ default: '', doc, schema: z.string() });

/**
 * Every environment variable the platform reads, with its default and meaning.
 * Defaults point at the local stack (`npm start`), so nothing needs setting on a developer machine.
 * The configuration table in docs/configuration.md and the docker-compose test are both checked against this list.
 */
export const variables = {
  KAFKA_BROKERS: {
    default: '127.0.0.1:9092',
    doc: 'Comma-separated Kafka bootstrap servers (host:port). Set it to use an external cluster; the local stack then starts no broker.',
    schema: z
      .string()
      .transform((s) => s.split(',').map((b) => b.trim()))
      .pipe(
        z
          .array(z.string().regex(/^[^\s:/]+:\d{1,5}$/, 'each broker must be host:port, e.g. 127.0.0.1:9092'))
          .min(1),
      ),
  },
  KAFKA_TOPIC_PREFIX: {
    default: '',
    doc: "Prepended to every topic's name on the broker (`<prefix><topic>`, its dead letters `<prefix><topic>.dlq`), so that a test suite runs in a namespace of its own. Schema subjects stay `<topic>-value`. Unset: the topics' own names.",
    schema: z
      .string()
      .max(100, "must be at most 100 characters, so that every prefixed topic stays within Kafka's 249")
      .regex(
        /^[A-Za-z0-9._-]*$/,
        'may only hold the characters Kafka allows in a topic name: A-Z a-z 0-9 . _ -',
      ),
  },
  SCHEMA_REGISTRY_URL: {
    default: 'http://127.0.0.1:8081/apis/ccompat/v7',
    doc: "Base URL of a Confluent-compatible schema registry (Confluent's own, or Apicurio's /apis/ccompat/v7). Set it to use an external registry; the local stack then starts none.",
    schema: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .transform((u) => u.replace(/\/+$/, '')),
  },
  MONGO_URL: {
    default: 'mongodb://127.0.0.1:27017',
    doc: 'MongoDB connection string (MongoDB or FerretDB). Set it to use an external store; the local stack then starts none.',
    schema: z.string().regex(/^mongodb(\+srv)?:\/\/.+/, 'must be a mongodb:// or mongodb+srv:// URL'),
  },
  MONGO_DB_PREFIX: {
    default: '',
    doc: "Prepended to each service's database name (`order_service`, …): a test's or a second platform's databases of its own on one store.",
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_]{0,40}$/, 'must be up to 40 letters, digits or underscores')
      .default(''),
  },
  STACK_HOME: {
    default: '.stack',
    doc: 'Where the local stack keeps downloads, builds, data, logs and process ids. Relative paths are resolved from the repository root.',
    schema: z.string().min(1),
  },
  LOG_LEVEL: {
    default: 'info',
    doc: 'Log level: fatal, error, warn, info, debug or trace.',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']),
  },
  KAFKA_SSL: {
    default: 'false',
    doc: 'true to connect to Kafka over TLS (with the system CAs, or KAFKA_SSL_CA_FILE).',
    schema: z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true'),
  },
  KAFKA_SSL_CA_FILE: optionalText(
    "PEM file of the CA that signed the brokers' certificates (implies KAFKA_SSL).",
  ),
  KAFKA_SASL_MECHANISM: {
    default: '',
    doc: 'SASL mechanism for Kafka: scram-sha-256, scram-sha-512 or plain. Unset: no SASL.',
    schema: z
      .enum(['', 'scram-sha-256', 'scram-sha-512', 'plain'], {
        error: 'must be scram-sha-256, scram-sha-512 or plain',
      })
      .transform((v) => (v === '' ? undefined : v)),
  },
  KAFKA_SASL_USERNAME: optionalText('SASL user name (with KAFKA_SASL_MECHANISM).'),
  KAFKA_SASL_PASSWORD: optionalText('SASL password (with KAFKA_SASL_MECHANISM). Never logged.'),
  SCHEMA_REGISTRY_USERNAME: optionalText('Basic-auth user for the schema registry.'),
  SCHEMA_REGISTRY_PASSWORD: optionalText('Basic-auth password for the schema registry. Never logged.'),
  OPS_TOKENS: tokens('read-only ops'),
  ADMIN_TOKENS: tokens(
    'admin (everything, for every customer: orders, stock, accounts, saga retry, dead letters)',
  ),
  AUTH_JWT_SECRET: {
    default: '',
    doc: "HS256 secret that customers' JWTs are signed with (`sub` = customer id, `roles` claim). `npm start` generates one on first run when unset; `npm run token` mints tokens with it.",
    schema: z
      .string()
      .refine((s) => s === '' || s.length >= 32, 'must be at least 32 characters (256 bits for HS256)'),
  },
  AUTH_JWKS_URL: {
    default: '',
    doc: "An identity provider's JWKS endpoint: JWTs signed RS256 or ES256 by one of its keys are accepted.",
    schema: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })]),
  },
  AUTH_JWT_ISSUER: optionalText("When set, a JWT's `iss` must equal it."),
  AUTH_JWT_AUDIENCE: optionalText("When set, a JWT's `aud` must name it."),
  SAGA_CRASH_POINTS: {
    default: '',
    doc: 'Tests only: comma-separated crash points at which the service kills itself (see Guarantees).',
    schema: z.string().transform((s) =>
      s
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    ),
  },
  HOST: {
    default: '127.0.0.1',
    doc: 'The address the services listen on: 127.0.0.1 keeps them on this machine; 0.0.0.0 (docker-compose) opens them on every interface.',
    schema: z
      .string()
      .regex(
        /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:]*|localhost)$/,
        'must be an IP address (127.0.0.1, 0.0.0.0, ::1, ::) or localhost',
      ),
  },
  METRICS_PUBLIC: {
    default: 'false',
    doc: "true to serve every service's GET /metrics to anyone (a scraper on a private network without a token); otherwise it needs an ops or admin bearer token.",
    schema: z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true'),
  },
  ORDER_SERVICE_PORT: port('order-service', 3000),
  PENDING_ORDER_SWEEP_AFTER_MS: milliseconds(
    600_000,
    1_000,
    'order-service: an order still PENDING this long after it was placed (or last re-driven) is re-driven: its order.created is published again, so a saga that never started starts.',
  ),
  PENDING_ORDER_SWEEP_EVERY_MS: milliseconds(
    60_000,
    100,
    'order-service: how often it looks for PENDING orders past PENDING_ORDER_SWEEP_AFTER_MS (a scan on FerretDB, so not often).',
  ),
  PENDING_ORDER_MAX_REDRIVES: {
    default: '3',
    doc: 'order-service: re-drives of one PENDING order before it is reported instead (a warning, and `attention` on the order) for a person to look at.',
    schema: z
      .string()
      .regex(/^\d{1,3}$/, 'must be a whole number, 0-999')
      .transform(Number),
  },
  ORCHESTRATOR_SERVICE_PORT: port('orchestrator-service', 3001),
  SAGA_STEP_POLICIES: {
    default: '',
    doc: 'Deadlines and re-sends to use instead of the saga definitions\' own, as JSON by saga and step name: `{"return": {"refundReturn": {"command": {"deadlineMs": 5000, "maxAttempts": 3, "backoff": {"multiplier": 2, "maxDeadlineMs": 20000, "jitter": 0.2}}}}}` (`compensation` for a compensation\'s command). Read by the orchestrator, which refuses to start on an unknown saga or step or a policy out of range. Unset: the definitions\' own policies.',
    schema: stepPolicies,
  },
  INVENTORY_SERVICE_PORT: port('inventory-service', 3002),
  PAYMENT_SERVICE_PORT: port('payment-service', 3003),
  CONSOLE_PORT: port('the operator console (services/console)', 3005),
  ...tracingVariables,
} as const;

export type VariableName = keyof typeof variables;

/** Variables whose values never appear in messages or logs. */
export const secretVariables: ReadonlySet<VariableName> = new Set<VariableName>([
  'KAFKA_SASL_PASSWORD',
  'SCHEMA_REGISTRY_PASSWORD',
  'OPS_TOKENS',
  'ADMIN_TOKENS',
  'AUTH_JWT_SECRET',
]);

/**
 * Variables this platform read once and reads no more, with what replaced them: set, they stop the
 * service at start-up rather than being silently ignored (a token meant to work would not).
 */
export const retiredVariables: Readonly<Record<string, string>> = {
  API_TOKENS:
    'the api role is gone (it let a token act as any customer): customers use JWTs (AUTH_JWT_SECRET or AUTH_JWKS_URL), read-only scripts OPS_TOKENS, scripts that place orders for anyone ADMIN_TOKENS',
};
