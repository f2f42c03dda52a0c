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
    expect(config.services).to.deep.equal({
      order: { port: 3000, pendingSweep: { afterMs: 600_000, everyMs: 60_000, maxRedrives: 3 } },
      orchestrator: { port: 3001, stepPolicies: {} },
      inventory: { port: 3002 },
      payment: { port: 3003 },
      console: { port: 3005 },
    });
  });

  it('listens on 127.0.0.1 unless HOST opens the services wider, and rejects a HOST that is no address', () => {
    expect(loadConfig({}).host).to.equal('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).to.equal('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).host).to.equal('::');
    expect(() => loadConfig({ HOST: 'every interface' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.contains('HOST');
  });

  it('accepts the OpenTelemetry variables tracing reads, and names a bad one', () => {
    const tracing = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    };
    expect(() => loadConfig(tracing)).to.not.throw();
    for (const [name, value] of [
      ['OTEL_EXPORTER_OTLP_ENDPOINT', '127.0.0.1:4318'],
      ['OTEL_EXPORTER_OTLP_PROTOCOL', 'json'],
      ['OTEL_TRACES_SAMPLER', 'sometimes'],
      ['OTEL_TRACES_SAMPLER_ARG', '2'],
    ] as const) {
      expect(() => loadConfig({ ...tracing, [name]: value }))
        .to.throw(ConfigError)
        .with.property('message')
        .that.contains(name);
    }
  });

  it('reads SAGA_STEP_POLICIES as policies by saga and step, and names what is wrong with a bad one', () => {
    const policy = {
      deadlineMs: 2000,
      maxAttempts: 2,
      backoff: { multiplier: 2, maxDeadlineMs: 4000, jitter: 0 },
    };
    const config = loadConfig({
      SAGA_STEP_POLICIES: JSON.stringify({ return: { refundReturn: { command: policy } } }),
    });
    expect(config.services.orchestrator.stepPolicies).to.deep.equal({
      return: { refundReturn: { command: policy } },
    });

    const problem = (value: string) => {
      try {
        loadConfig({ SAGA_STEP_POLICIES: value });
      } catch (error) {
        expect(error).to.be.instanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error(`SAGA_STEP_POLICIES=${value} was accepted`);
    };
    expect(problem('{"return": ')).to.match(/SAGA_STEP_POLICIES.*must be JSON/);
    expect(problem('[1]')).to.match(/SAGA_STEP_POLICIES.*JSON object by saga name/);
    expect(
      problem(JSON.stringify({ return: { refundReturn: { command: { ...policy, deadlineMs: 0 } } } })),
    ).to.match(/SAGA_STEP_POLICIES/);
    expect(problem(JSON.stringify({ return: { refundReturn: { command: policy, extra: 1 } } }))).to.match(
      /SAGA_STEP_POLICIES/,
    );
  });

  it('marks a piece external when its variable is set', () => {
    const config = loadConfig({ KAFKA_BROKERS: 'a:1, b:2', MONGO_URL: 'mongodb://db:27017' });
    expect(config.kafka.brokers).to.deep.equal(['a:1', 'b:2']);
    expect(config.external).to.deep.equal({ kafka: true, registry: false, mongo: true });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ KAFKA_BROKERS: '' }).external.kafka).to.equal(false);
  });

  it('prefixes no topic unless KAFKA_TOPIC_PREFIX is set', () => {
    expect(loadConfig({}).kafka.topicPrefix).to.equal('');
    expect(loadConfig({ KAFKA_TOPIC_PREFIX: 'test.inventory.1f2e3d4c.' }).kafka.topicPrefix).to.equal(
      'test.inventory.1f2e3d4c.',
    );
  });

  it('rejects a KAFKA_TOPIC_PREFIX with characters Kafka does not allow in a topic, naming the variable', () => {
    expect(() => loadConfig({ KAFKA_TOPIC_PREFIX: 'my suite/' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(/KAFKA_TOPIC_PREFIX="my suite\/": may only hold the characters Kafka allows/);
  });

  it('rejects a KAFKA_TOPIC_PREFIX too long for the topics it prefixes', () => {
    expect(() => loadConfig({ KAFKA_TOPIC_PREFIX: 'x'.repeat(101) }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.contains('KAFKA_TOPIC_PREFIX');
  });

  it('strips a trailing slash from the registry URL', () => {
    expect(loadConfig({ SCHEMA_REGISTRY_URL: 'http://r:8081/' }).registry.url).to.equal('http://r:8081');
  });

  it('keeps an absolute STACK_HOME as it is', () => {
    expect(loadConfig({ STACK_HOME: '/var/saga' }).stack.home).to.equal('/var/saga');
  });

  it('reads each service port, and accepts 0 for any free port', () => {
    const config = loadConfig({
      ORDER_SERVICE_PORT: '8080',
      ORCHESTRATOR_SERVICE_PORT: '0',
      INVENTORY_SERVICE_PORT: '65535',
      PAYMENT_SERVICE_PORT: '',
    });
    expect(config.services.order.port).to.equal(8080);
    expect(config.services.orchestrator.port).to.equal(0);
    expect(config.services.inventory.port).to.equal(65535);
    expect(config.services.payment.port).to.equal(3003);
  });

  it('rejects a port that is not a number from 0 to 65535, naming each variable', () => {
    let error: unknown;
    try {
      loadConfig({
        ORDER_SERVICE_PORT: 'http',
        ORCHESTRATOR_SERVICE_PORT: '65536',
        INVENTORY_SERVICE_PORT: '-1',
        PAYMENT_SERVICE_PORT: '30.5',
      });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.variable)).to.deep.equal([
      'ORDER_SERVICE_PORT',
      'ORCHESTRATOR_SERVICE_PORT',
      'INVENTORY_SERVICE_PORT',
      'PAYMENT_SERVICE_PORT',
    ]);
    for (const problem of problems) expect(problem.message).to.equal('must be a port number, 0-65535');
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

  describe('security settings', () => {
    const token = 'a'.repeat(16);

    it('reads bearer tokens per role, dropping blanks', () => {
      const config = loadConfig({ OPS_TOKENS: ` ${token}, ,${'b'.repeat(20)}`, ADMIN_TOKENS: token });
      expect(config.auth).to.deep.equal({
        opsTokens: [token, 'b'.repeat(20)],
        adminTokens: [token],
        jwt: {},
      });
    });

    it('grants nothing when no tokens and no JWT keys are set', () => {
      expect(loadConfig({}).auth).to.deep.equal({ opsTokens: [], adminTokens: [], jwt: {} });
    });

    it('rejects a short token without repeating it', () => {
      const error = captureError(() => loadConfig({ OPS_TOKENS: 'short-secret' }));
      expect(error.message).to.contain('OPS_TOKENS="[redacted]"').and.contain('at least 16 characters');
      expect(error.message).not.to.contain('short-secret');
    });

    it('reads how JWTs are verified: a secret, a JWKS URL, the issuer and the audience', () => {
      const jwt = loadConfig({
        AUTH_JWT_SECRET: 's'.repeat(32),
        AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
        AUTH_JWT_ISSUER: 'https://idp.example/',
        AUTH_JWT_AUDIENCE: 'saga-api',
      }).auth.jwt;
      expect(jwt).to.deep.equal({
        secret: 's'.repeat(32),
        jwksUrl: 'https://idp.example/.well-known/jwks.json',
        issuer: 'https://idp.example/',
        audience: 'saga-api',
      });
    });

    it('rejects a JWT secret shorter than 256 bits without repeating it, and a JWKS URL that is not http(s)', () => {
      const error = captureError(() =>
        loadConfig({ AUTH_JWT_SECRET: 'too-short-secret', AUTH_JWKS_URL: 'ftp://x/y' }),
      );
      expect(error.message).to.contain('AUTH_JWT_SECRET="[redacted]"').and.contain('at least 32 characters');
      expect(error.message).not.to.contain('too-short-secret');
      expect(error.message).to.contain('AUTH_JWKS_URL').and.contain('http(s)');
    });

    it('refuses the retired API_TOKENS, saying what replaced it', () => {
      const error = captureError(() => loadConfig({ API_TOKENS: token }));
      expect(error.message)
        .to.contain('API_TOKENS')
        .and.contain('is no longer read')
        .and.contain('OPS_TOKENS');
      expect(error.message).not.to.contain(token);
    });

    it('turns SASL on only with a mechanism, a user name and a password', () => {
      const config = loadConfig({
        KAFKA_SASL_MECHANISM: 'scram-sha-256',
        KAFKA_SASL_USERNAME: 'saga',
        KAFKA_SASL_PASSWORD: 'pw',
      });
      expect(config.kafka.sasl).to.deep.equal({
        mechanism: 'scram-sha-256',
        username: 'saga',
        password: 'pw',
      });
      expect(loadConfig({}).kafka.sasl).to.equal(undefined);
    });

    it('names the missing half of a credential pair', () => {
      const error = captureError(() =>
        loadConfig({ KAFKA_SASL_MECHANISM: 'scram-sha-512', SCHEMA_REGISTRY_USERNAME: 'u' }),
      );
      expect(error.problems.map((p) => p.variable)).to.deep.equal([
        'KAFKA_SASL_USERNAME',
        'KAFKA_SASL_PASSWORD',
        'SCHEMA_REGISTRY_PASSWORD',
      ]);
    });

    it('rejects an unknown SASL mechanism', () => {
      const error = captureError(() => loadConfig({ KAFKA_SASL_MECHANISM: 'gssapi' }));
      expect(error.message).to.contain('KAFKA_SASL_MECHANISM="gssapi"').and.contain('scram-sha-256');
    });

    it('uses TLS when asked, or when a CA file is given', () => {
      expect(loadConfig({ KAFKA_SSL: 'true' }).kafka.ssl).to.deep.equal({});
      expect(loadConfig({ KAFKA_SSL_CA_FILE: '/ca.pem' }).kafka.ssl).to.deep.equal({ caFile: '/ca.pem' });
      expect(loadConfig({}).kafka.ssl).to.equal(undefined);
    });

    it('reads registry basic auth', () => {
      expect(
        loadConfig({ SCHEMA_REGISTRY_USERNAME: 'u', SCHEMA_REGISTRY_PASSWORD: 'p' }).registry.auth,
      ).to.deep.equal({ username: 'u', password: 'p' });
    });

    it('reads crash points for tests', () => {
      expect(loadConfig({ SAGA_CRASH_POINTS: 'a, b' }).crashPoints).to.deep.equal(['a', 'b']);
    });
  });
});

function captureError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
