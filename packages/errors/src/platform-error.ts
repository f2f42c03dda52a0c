/**
 * The platform's error base: a stable `code` for logs, HTTP bodies and tests, and a `retriable` flag
 * that the one retry policy and the consumer's classification read (KafkaJS's convention). Subclasses
 * carry their context as readonly fields. Every error class of the platform derives from it, directly
 * or through a package's own base (EventClientError, SagaEngineError, HttpError, …); `name` is the
 * class's own, so subclasses set none.
 */
export abstract class PlatformError extends Error {
  abstract readonly code: string;
  abstract readonly retriable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
