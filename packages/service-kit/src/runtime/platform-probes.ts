import mongoose from 'mongoose';
import type { Config } from '@saga/config';
import { redactUrl } from '@saga/logging';
import { createKafkaCluster, kafkaClientOptions, registryAuthHeaders, type KafkaAdmin } from '@saga/events';
import type { Probe } from '../http/readiness.ts';

/**
 * Kafka: a metadata request through a small admin client of its own, connected on first use, with the
 * same TLS and SASL settings as the service's event client. Its own
 * short timeouts and no retries keep the probe inside its time; its log is silenced because the
 * probe's detail already says what failed, once per check instead of once per reconnect attempt.
 */
export function kafkaProbe(deps: {
  readonly config: Config;
  readonly service: string;
  readonly timeoutMs: number;
}): {
  probe: Probe;
  close: () => Promise<void>;
} {
  const kafka = createKafkaCluster({
    clientId: `${deps.service}-readiness`,
    connection: kafkaClientOptions(deps.config),
    connectionTimeoutMs: deps.timeoutMs,
    requestTimeoutMs: deps.timeoutMs,
    retries: 0,
  });
  // The connecting client is shared, so a check that starts while another is still connecting waits for it.
  let admin: Promise<KafkaAdmin> | undefined;
  const connected = () => (admin ??= kafka.admin());
  const reset = async () => {
    const old = admin;
    admin = undefined;
    const client = await old?.catch(() => undefined);
    await client?.disconnect().catch(() => undefined);
  };
  return {
    async probe() {
      try {
        const cluster = await (await connected()).describeCluster();
        return `${cluster.brokers.length} broker(s) answer at ${deps.config.kafka.brokers.join(',')}`;
      } catch (error) {
        // A fresh client next time, rather than trusting a half-broken one to heal.
        await reset();
        throw new Error(`Kafka at ${deps.config.kafka.brokers.join(',')} does not answer`, { cause: error });
      }
    },
    close: reset,
  };
}

/** Schema registry: its smallest read-only endpoint, which touches no stored schema (with basic auth when set). */
export function registryProbe(deps: { readonly config: Config; readonly fetch?: typeof fetch }): Probe {
  const doFetch = deps.fetch ?? fetch;
  const url = deps.config.registry.url;
  const shown = redactUrl(url);
  const headers = registryAuthHeaders(deps.config);
  return async (signal) => {
    let response: Response;
    try {
      response = await doFetch(`${url}/schemas/types`, { signal, headers });
    } catch (error) {
      throw new Error(`registry at ${shown} is unreachable`, { cause: error });
    }
    await response.body?.cancel();
    if (response.status === 401 || response.status === 403) {
      throw new Error(
        deps.config.registry.auth
          ? `registry at ${shown} refused the credentials (${response.status}); check SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD`
          : `registry at ${shown} asks for credentials (${response.status}); set SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD`,
      );
    }
    if (!response.ok) throw new Error(`registry at ${shown} answered ${response.status}`);
    return `registry at ${shown} answers`;
  };
}

/** Store: a ping over the service's own connection, so it also shows that connection's health. */
export function storeProbe(deps: { readonly db: mongoose.Connection }): Probe {
  return async () => {
    const db = deps.db.db;
    if (deps.db.readyState !== mongoose.ConnectionStates.connected || !db)
      throw new Error('not connected to the store');
    await db.command({ ping: 1 });
    const pool = deps.db.getClient().options.maxPoolSize;
    return `store answers (database ${db.databaseName}, a pool of ${pool} connections)`;
  };
}
