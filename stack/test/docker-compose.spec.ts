import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'yaml';
import { loadConfig, repoRoot, variables } from '@saga/config';

interface Compose {
  'x-saga-env': Record<string, string>;
  services: Record<string, { image: string; ports?: string[]; environment?: Record<string, unknown> }>;
}

/**
 * Compose's interpolation of `${NAME:?message}` (required) and `${NAME:-default}`, with `sample`
 * standing for the user's environment.
 */
function interpolate(value: string, sample: Readonly<Record<string, string>>): string {
  return value.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    const set = sample[name];
    if (set !== undefined && set !== '') return set;
    if (kind === '?') throw new Error(`required variable ${name} is missing a value: ${rest ?? ''}`);
    return kind === '-' ? (rest ?? '') : '';
  });
}

/** Tokens a user would export before `docker compose up`. */
const userEnv = {
  OPS_TOKENS: 'user-ops-token-0123456789',
  ADMIN_TOKENS: 'user-admin-token-0123456789',
  AUTH_JWT_SECRET: 'user-jwt-secret-0123456789-abcdefghijk',
};

/** docker-compose.yml cannot run here (no Docker engine), so its contract with the config module is checked by reading it. */
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8')) as Compose;
  const defaults = loadConfig({});
  const hostPort = (service: string) => compose.services[service]?.ports?.map((p) => Number(p.split(':')[0]));

  it('publishes Kafka on the port of the KAFKA_BROKERS default', () => {
    expect(compose.services.kafka?.image).to.match(/^apache\/kafka:/);
    expect(hostPort('kafka')).to.deep.equal([Number(defaults.kafka.brokers[0]!.split(':')[1])]);
  });

  it('publishes the schema registry on the port of the SCHEMA_REGISTRY_URL default', () => {
    expect(compose.services['schema-registry']?.image).to.match(/^confluentinc\/cp-schema-registry:/);
    expect(hostPort('schema-registry')).to.deep.equal([Number(new URL(defaults.registry.url).port)]);
  });

  it('publishes MongoDB 7 on the port of the MONGO_URL default', () => {
    expect(compose.services.mongo?.image).to.equal('mongo:7');
    expect(hostPort('mongo')).to.deep.equal([Number(new URL(defaults.mongo.url).port)]);
  });

  it('advertises Kafka to the host at the address of the KAFKA_BROKERS default', () => {
    const advertised = String(compose.services.kafka?.environment?.KAFKA_ADVERTISED_LISTENERS);
    expect(advertised).to.contain(`PLAINTEXT://${defaults.kafka.brokers[0]!}`);
  });

  it('gives the services only variables the config module knows, each valid', () => {
    const env = compose['x-saga-env'];
    for (const name of Object.keys(env)) expect(variables).to.have.property(name);
    const interpolated = Object.fromEntries(
      Object.entries(env).map(([name, value]) => [name, interpolate(value, userEnv)]),
    );
    expect(() => loadConfig(interpolated)).not.to.throw();
    expect(loadConfig(interpolated).auth).to.deep.equal({
      opsTokens: [userEnv.OPS_TOKENS],
      adminTokens: [userEnv.ADMIN_TOKENS],
      jwt: { secret: userEnv.AUTH_JWT_SECRET },
    });
  });

  it('takes the bearer tokens and the JWT secret from the user’s environment, and refuses to start without them', () => {
    const env = compose['x-saga-env'];
    for (const name of ['OPS_TOKENS', 'ADMIN_TOKENS', 'AUTH_JWT_SECRET'] as const) {
      expect(env[name], name).to.match(new RegExp(`^\\$\\{${name}:\\?.*docs/security\\.md.*\\}$`));
      expect(() => interpolate(env[name] ?? '', {}), name).to.throw(`required variable ${name}`);
    }
  });

  it('gives the services every infrastructure variable, so none falls back to a localhost default', () => {
    expect(compose['x-saga-env']).to.include.keys('KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'MONGO_URL');
  });

  it('runs each service on the port of its configured default, with the shared environment', () => {
    const ports = {
      'order-service': defaults.services.order.port,
      'orchestrator-service': defaults.services.orchestrator.port,
      'inventory-service': defaults.services.inventory.port,
      'payment-service': defaults.services.payment.port,
    };
    for (const [service, port] of Object.entries(ports)) {
      expect(hostPort(service), service).to.deep.equal([port]);
      expect(compose.services[service]?.environment, service).to.deep.equal(compose['x-saga-env']);
    }
  });
});
