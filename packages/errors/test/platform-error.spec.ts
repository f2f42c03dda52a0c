import { expect } from 'chai';
import { PlatformError } from '../src/index.ts';

/** A subclass as the platform writes them: a fixed code and flag, its context as readonly fields. */
class ExampleOutageError extends PlatformError {
  readonly code = 'EXAMPLE_OUTAGE';
  readonly retriable = true;
  constructor(
    readonly host: string,
    options?: { cause?: unknown },
  ) {
    super(`${host} is unreachable`, options);
  }
}

/** A subclass whose code and flag come from its arguments. */
class ExampleRequestError extends PlatformError {
  readonly retriable: boolean;
  constructor(
    readonly code: 'EXAMPLE_REJECTED' | 'EXAMPLE_FAILED',
    readonly status: number,
  ) {
    super(`answered ${status}`);
    this.retriable = status >= 500;
  }
}

class ExampleSpecificError extends ExampleRequestError {}

describe('PlatformError', () => {
  it('is an Error with the message it was given', () => {
    const error = new ExampleOutageError('registry:8081');
    expect(error).to.be.instanceOf(Error);
    expect(error).to.be.instanceOf(PlatformError);
    expect(error.message).to.equal('registry:8081 is unreachable');
  });

  it('carries the code and the retriable flag its subclass declares', () => {
    const error = new ExampleOutageError('registry:8081');
    expect(error.code).to.equal('EXAMPLE_OUTAGE');
    expect(error.retriable).to.equal(true);
  });

  it('carries a code and a flag set from the constructor arguments', () => {
    expect(new ExampleRequestError('EXAMPLE_FAILED', 503)).to.include({
      code: 'EXAMPLE_FAILED',
      retriable: true,
    });
    expect(new ExampleRequestError('EXAMPLE_REJECTED', 409)).to.include({
      code: 'EXAMPLE_REJECTED',
      retriable: false,
    });
  });

  it('is named after the class that was constructed, however deep', () => {
    expect(new ExampleOutageError('h').name).to.equal('ExampleOutageError');
    expect(new ExampleRequestError('EXAMPLE_FAILED', 500).name).to.equal('ExampleRequestError');
    expect(new ExampleSpecificError('EXAMPLE_FAILED', 500).name).to.equal('ExampleSpecificError');
    expect(String(new ExampleOutageError('h'))).to.equal('ExampleOutageError: h is unreachable');
  });

  it('keeps the cause it was given', () => {
    const cause = new Error('connect ECONNREFUSED');
    expect(new ExampleOutageError('h', { cause }).cause).to.equal(cause);
  });

  it('has no cause when none was given', () => {
    expect(new ExampleOutageError('h')).not.to.have.property('cause');
  });

  it('keeps its context fields', () => {
    expect(new ExampleOutageError('registry:8081').host).to.equal('registry:8081');
    expect(new ExampleRequestError('EXAMPLE_REJECTED', 409).status).to.equal(409);
  });
});
