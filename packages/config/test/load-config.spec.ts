import { expect } from 'chai';
import { ConfigError, loadConfig, repoRoot } from '../src/index.ts';

describe('loadConfig', () => {
  it('defaults to the local stack when nothing is set', () => {
    const config = loadConfig({});
    expect(config.kafka.brokers).to.deep.equal(['127.0.0.1:9092']);
    expect(config.registry.url).to.equal('http://127.0.0.1:8081/apis/ccompat/v7');
    expect(config.mongo.url).to.equal('mongodb://127.0.0.1:27017');
    expect(config.stack.home).to.equal(`${repoRoot}/.stack`);
    expect(config.external).to.deep.equal({ kafka: false, registry: false, mongo: false });
  });

  it('marks a piece external when its variable is set', () => {
    const config = loadConfig({ KAFKA_BROKERS: 'a:1, b:2', MONGO_URL: 'mongodb://db:27017' });
    expect(config.kafka.brokers).to.deep.equal(['a:1', 'b:2']);
    expect(config.external).to.deep.equal({ kafka: true, registry: false, mongo: true });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ KAFKA_BROKERS: '' }).external.kafka).to.equal(false);
  });

  it('strips a trailing slash from the registry URL', () => {
    expect(loadConfig({ SCHEMA_REGISTRY_URL: 'http://r:8081/' }).registry.url).to.equal('http://r:8081');
  });

  it('keeps an absolute STACK_HOME as it is', () => {
    expect(loadConfig({ STACK_HOME: '/var/saga' }).stack.home).to.equal('/var/saga');
  });

  it('rejects every bad variable at once, naming each and its value', () => {
    let error: unknown;
    try {
      loadConfig({ KAFKA_BROKERS: 'no-port', SCHEMA_REGISTRY_URL: 'ftp://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.code).to.equal('CONFIG_INVALID');
    expect(configError.problems.map((p) => p.variable)).to.deep.equal([
      'KAFKA_BROKERS',
      'SCHEMA_REGISTRY_URL',
      'LOG_LEVEL',
    ]);
    expect(configError.message).to.contain('KAFKA_BROKERS="no-port"').and.contain('host:port');
  });
});
