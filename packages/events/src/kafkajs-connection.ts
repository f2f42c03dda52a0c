import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { KafkaConnectionOptions, KafkaSaslOptions } from './kafka-client-options.ts';

/** The platform's connection options as kafkajs's client options (fresh arrays: kafkajs's types are mutable). */
export function kafkajsConnection(
  connection: KafkaConnectionOptions,
): Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl'> {
  const { ssl, sasl } = connection;
  return {
    brokers: [...connection.brokers],
    ...(ssl === undefined ? {} : { ssl: ssl === true ? true : { ca: [...ssl.ca] } }),
    ...(sasl === undefined ? {} : { sasl: saslOptions(sasl) }),
  };
}

/** The switch keeps kafkajs's per-mechanism option types exact. */
function saslOptions({ mechanism, username, password }: KafkaSaslOptions): SASLOptions {
  switch (mechanism) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
  }
}
