import { readFileSync } from 'node:fs';
import type { Config } from '@saga/config';
import { CaFileError } from './ca-file-error.ts';

/**
 * Where the brokers are and how to reach them securely: plain data (it crosses process boundaries,
 * as the bench's role processes get it over IPC), in the shape Node's Kafka clients take it.
 */
export interface KafkaConnectionOptions {
  readonly brokers: readonly string[];
  /** true: TLS with the system CAs; `{ ca }`: TLS trusting only these PEM certificates. */
  readonly ssl?: true | { readonly ca: readonly string[] };
  readonly sasl?: KafkaSaslOptions;
}

export interface KafkaSaslOptions {
  readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  readonly username: string;
  readonly password: string;
}

/**
 * Brokers, TLS and SASL from the configuration, for every Kafka client the platform builds (event
 * clients, readiness probes, the stack's bootstrap): a client built without them would fail only
 * against a secured cluster, which is exactly where it is hardest to notice. Hand it to
 * `createKafkaCluster({ clientId, connection: kafkaClientOptions(config) })`.
 *
 * `ssl` is `true` (the system CAs) unless KAFKA_SSL_CA_FILE names a CA, which then replaces them.
 * The CA file is read here, once, so an unreadable one stops start-up with its path.
 * @throws CaFileError when KAFKA_SSL_CA_FILE cannot be read or holds no PEM certificate.
 */
export function kafkaClientOptions(
  config: Pick<Config, 'kafka'>,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): KafkaConnectionOptions {
  const { brokers, ssl, sasl } = config.kafka;
  return {
    brokers: [...brokers],
    ...(ssl ? { ssl: ssl.caFile === undefined ? true : { ca: [readCa(ssl.caFile, readFile)] } } : {}),
    ...(sasl ? { sasl: saslOptions(sasl) } : {}),
  };
}

function readCa(path: string, readFile: (path: string) => string): string {
  let pem: string;
  try {
    pem = readFile(path);
  } catch (error) {
    throw new CaFileError(path, `cannot be read (${(error as Error).message})`, { cause: error });
  }
  // A DER file or a private key would otherwise fail later as an opaque TLS handshake error.
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new CaFileError(path, 'holds no PEM certificate (no "-----BEGIN CERTIFICATE-----" line)');
  }
  return pem;
}

/** The configuration names the mechanisms as the clients do. */
function saslOptions(sasl: NonNullable<Config['kafka']['sasl']>): KafkaSaslOptions {
  const { mechanism, username, password } = sasl;
  return { mechanism, username, password };
}
