import { z } from 'zod';

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

/**
 * Every environment variable the platform reads, with its default and meaning.
 * Defaults point at the local stack (`npm start`), so nothing needs setting on a developer machine.
 * The README's configuration table and the docker-compose test are both checked against this list.
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
  ORDER_SERVICE_PORT: port('order-service', 3000),
  ORCHESTRATOR_SERVICE_PORT: port('orchestrator-service', 3001),
  INVENTORY_SERVICE_PORT: port('inventory-service', 3002),
  PAYMENT_SERVICE_PORT: port('payment-service', 3003),
} as const;

export type VariableName = keyof typeof variables;
