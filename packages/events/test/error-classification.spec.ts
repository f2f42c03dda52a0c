import { expect } from 'chai';
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import {
  classifyError,
  describeError,
  MessageDecodeError,
  RegistryUnavailableError,
  SchemaNotRegisteredError,
} from '../src/index.ts';

/** An error as the MongoDB driver or mongoose names it, without importing them. */
function named(name: string, message = name, extra: Record<string, unknown> = {}): Error {
  const error = new Error(message);
  error.name = name;
  return Object.assign(error, extra);
}

/** kafkajs builds protocol errors from its error-code table; its type declaration only admits an Error. */
const protocolError = (entry: { message: string; type: string; code: number; retriable: boolean }) =>
  new KafkaJSProtocolError(entry as unknown as Error);

/** A domain error of a service: a class with a code and a retriable flag. */
class OutOfRangeError extends Error {
  readonly code = 'ORDER_TOTAL_OUT_OF_RANGE';
  readonly retriable = false;
}

describe('classifyError', () => {
  describe('transient: retried with backoff (outages for as long as they last; others up to retriableGiveUpMs)', () => {
    it('the registry unreachable or answering 5xx', () => {
      expect(classifyError(new RegistryUnavailableError('http://registry'))).to.equal('transient');
    });

    it('the store down: network, server selection, not connected, pool cleared', () => {
      for (const name of [
        'MongoNetworkError',
        'MongoNetworkTimeoutError',
        'MongoServerSelectionError',
        'MongooseServerSelectionError',
        'MongoNotConnectedError',
        'MongoTopologyClosedError',
        'MongoPoolClearedError',
      ]) {
        expect(classifyError(named(name)), name).to.equal('transient');
      }
    });

    it('mongoose giving up on an operation it queued while disconnected', () => {
      const error = named('MongooseError', 'Operation `orders.findOne()` buffering timed out after 10000ms');
      expect(classifyError(error)).to.equal('transient');
    });

    it('a MongoDB error labelled retryable', () => {
      expect(
        classifyError(named('MongoServerError', 'x', { errorLabels: ['RetryableWriteError'] })),
      ).to.equal('transient');
    });

    it('the broker unreachable, also when kafkajs flags its spent retries non-retriable', () => {
      const connection = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
      expect(classifyError(connection)).to.equal('transient');
      const exceeded = new KafkaJSNumberOfRetriesExceeded(connection, { retryCount: 5, retryTime: 1000 });
      expect((exceeded as unknown as { retriable: boolean }).retriable).to.equal(false);
      expect(classifyError(exceeded)).to.equal('transient');
    });

    it('an outage anywhere in the cause chain, e.g. fetch failing with ECONNREFUSED', () => {
      const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      expect(classifyError(new TypeError('fetch failed', { cause: refused }))).to.equal('transient');
      expect(classifyError(new Error('saving failed', { cause: named('MongoNetworkError') }))).to.equal(
        'transient',
      );
    });

    it('an error that says retrying helps (retriable: true), e.g. contention', () => {
      expect(classifyError(Object.assign(new Error('stock kept changing'), { retriable: true }))).to.equal(
        'transient',
      );
      expect(
        classifyError(
          protocolError({ message: 'x', type: 'LEADER_NOT_AVAILABLE', retriable: true, code: 5 }),
        ),
      ).to.equal('transient');
    });

    it('a transient conflict wrapped in another error: a wrapper that flags nothing passes the verdict on', () => {
      const contended = Object.assign(named('GuardLostError', 'sagas s-1 changed under 5 decisions'), {
        code: 'GUARD_LOST',
        retriable: true,
      });
      expect(classifyError(new Error('applying the reply failed', { cause: contended }))).to.equal(
        'transient',
      );
      expect(
        classifyError(new TypeError('outer', { cause: new Error('middle', { cause: contended }) })),
      ).to.equal('transient');
    });

    it('a transient conflict a bounded retry gave up on (RETRY_TIMEOUT, flagged non-retriable): its cause decides', () => {
      const contended = Object.assign(new Error('changed under 5 decisions'), { retriable: true });
      const gaveUp = Object.assign(
        named('RetryTimeoutError', 'apply failed 5 times over 5s', { cause: contended }),
        {
          code: 'RETRY_TIMEOUT',
          retriable: false,
        },
      );
      expect(classifyError(gaveUp)).to.equal('transient');
    });
  });

  describe('permanent: dead-lettered at once', () => {
    it('bytes that do not decode: too short, wrong magic byte, unknown schema id', () => {
      expect(classifyError(new MessageDecodeError('order.created', 'magic byte is 7, expected 0'))).to.equal(
        'permanent',
      );
    });

    it('a bounded retry that gave up on a permanent error, or on nothing it names', () => {
      const retryTimeout = (cause?: unknown) =>
        Object.assign(named('RetryTimeoutError', 'gave up', cause === undefined ? {} : { cause }), {
          code: 'RETRY_TIMEOUT',
          retriable: false,
        });
      expect(classifyError(retryTimeout(new OutOfRangeError('total out of range')))).to.equal('permanent');
      expect(classifyError(retryTimeout())).to.equal('permanent');
    });

    it('a wrapper that says trying again cannot help, whatever it wraps (its verdict is its own)', () => {
      const contended = Object.assign(new Error('changed'), { retriable: true });
      expect(classifyError(new OutOfRangeError('total out of range', { cause: contended }))).to.equal(
        'permanent',
      );
    });

    it('an error whose retriable flag is false, e.g. a domain rule broken', () => {
      expect(classifyError(new OutOfRangeError('total out of range'))).to.equal('permanent');
      expect(classifyError(new SchemaNotRegisteredError('order.created-value', 'gone'))).to.equal(
        'permanent',
      );
    });
  });

  describe('unclassified: a bounded number of attempts, then dead-lettered', () => {
    it('errors without a retriable flag and not an outage', () => {
      expect(classifyError(new TypeError('cannot read properties of undefined'))).to.equal('unclassified');
      expect(classifyError(new Error('something'))).to.equal('unclassified');
      expect(classifyError('a string thrown')).to.equal('unclassified');
      expect(classifyError(undefined)).to.equal('unclassified');
    });
  });
});

describe('describeError', () => {
  it('names the class, the code and the message', () => {
    expect(describeError(new MessageDecodeError('t', 'unknown schema id 99'))).to.deep.equal({
      name: 'MessageDecodeError',
      code: 'MESSAGE_UNDECODABLE',
      message: 'message on "t" cannot be decoded: unknown schema id 99',
    });
  });

  it('leaves the code out when there is none, and copes with thrown non-errors', () => {
    expect(describeError(new TypeError('x'))).to.deep.equal({ name: 'TypeError', message: 'x' });
    expect(describeError('boom')).to.deep.equal({ name: 'string', message: 'boom' });
  });
});
