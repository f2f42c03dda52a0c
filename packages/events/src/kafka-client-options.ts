import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { Config } from '@saga/config';
import { CaFileError } from './ca-file-error.ts';

/** The connection part of a kafkajs client's options: where the brokers are and how to reach them securely. */
export type KafkaConnectionOptions = Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl'>;

/**
 * Brokers, TLS and SASL from the configuration, for every Kafka client the platform builds (event
 * clients, readiness probes, the stack's bootstrap): a client built without them would fail only
 * against a secured cluster, which is exactly where it is hardest to notice. Spread it into
 * `new Kafka({ clientId, ...kafkaClientOptions(config) })`.
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

/** kafkajs names the mechanisms as the configuration does; the switch keeps its option types exact. */
function saslOptions(sasl: NonNullable<Config['kafka']['sasl']>): SASLOptions {
  const { username, password } = sasl;
  switch (sasl.mechanism) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
  }
}
