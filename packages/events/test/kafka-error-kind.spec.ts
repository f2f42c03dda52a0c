import { expect } from 'chai';
import {
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import { classifyError, isKafkaOutage, kafkaErrorKind } from '../src/index.ts';

/** kafkajs's wrapper after its retries ran out, around the last failure. */
const retriesExceeded = (cause: Error) =>
  new KafkaJSNumberOfRetriesExceeded(cause, { retryCount: 5, retryTime: 1000 });

describe('kafkaErrorKind', () => {
  it('a connection nothing listens for is connection-refused, an outage', () => {
    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9094', {
      broker: '127.0.0.1:9094',
      code: 'ECONNREFUSED',
    });
    expect(kafkaErrorKind(refused)).to.equal('connection-refused');
    expect(isKafkaOutage(refused)).to.equal(true);
  });

  it('a broker that does not answer in time or went away is unreachable, an outage', () => {
    for (const error of [
      new KafkaJSRequestTimeoutError('Request Metadata(key: 3, version: 6) timed out'),
      new KafkaJSConnectionError('Connection error: read ECONNRESET', { code: 'ECONNRESET' }),
      retriesExceeded(new KafkaJSRequestTimeoutError('timed out')),
    ]) {
      expect(kafkaErrorKind(error), error.message).to.equal('unreachable');
      expect(isKafkaOutage(error), error.message).to.equal(true);
    }
  });

  it('a refused login is authentication-failed, wrapped in "retries exceeded" or not, and no outage', () => {
    // kafkajs's type declaration admits no message; its class takes one.
    const refused = new (KafkaJSSASLAuthenticationError as new (message: string) => Error)(
      'SASL SCRAM SHA256 authentication failed',
    );
    expect(kafkaErrorKind(refused)).to.equal('authentication-failed');
    expect(kafkaErrorKind(retriesExceeded(refused))).to.equal('authentication-failed');
    expect(isKafkaOutage(retriesExceeded(refused))).to.equal(false);
  });

  it('a refused connection wrapped in "retries exceeded" is still connection-refused', () => {
    const refused = new KafkaJSConnectionError('Connection error', { code: 'ECONNREFUSED' });
    expect(kafkaErrorKind(retriesExceeded(refused))).to.equal('connection-refused');
  });

  it('finds the kind under the platform’s own wrappers (cause) too', () => {
    const wrapped = new Error('Kafka at 127.0.0.1:9092 does not answer', {
      cause: new KafkaJSRequestTimeoutError('timed out'),
    });
    expect(kafkaErrorKind(wrapped)).to.equal('unreachable');
  });

  it('anything else is other: a protocol error, a bare Error, not an error at all', () => {
    const protocol = new KafkaJSProtocolError({
      message: 'Topic with this name already exists',
      type: 'TOPIC_ALREADY_EXISTS',
      code: 36,
      retriable: false,
    } as unknown as Error);
    for (const error of [protocol, new Error('boom'), 'a string', undefined]) {
      expect(kafkaErrorKind(error)).to.equal('other');
    }
  });

  it('agrees with the consumer’s classification: a Kafka outage is transient', () => {
    expect(classifyError(retriesExceeded(new KafkaJSRequestTimeoutError('timed out')))).to.equal('transient');
  });
});
