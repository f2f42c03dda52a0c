import { PlatformError } from '@saga/errors';

/**
 * Base of every event-client error. `retriable` tells the consumer loop whether trying again
 * can help (a registry or broker outage) or not (bytes that will never decode).
 */
export abstract class EventClientError extends PlatformError {}

/** A schema this service needs is not in the registry as it is in the code. Start-up stops on it. */
export class SchemaNotRegisteredError extends EventClientError {
  readonly code = 'SCHEMA_NOT_REGISTERED';
  readonly retriable = false;
  constructor(
    readonly subject: string,
    detail: string,
  ) {
    super(
      `schema for subject "${subject}" is not registered as this code expects (${detail}); run \`npm run schemas:register\``,
    );
  }
}

/** The registry holds the subject, but the code's reader schema cannot read what is registered. */
export class SchemaIncompatibleError extends EventClientError {
  readonly code = 'SCHEMA_INCOMPATIBLE';
  readonly retriable = false;
  constructor(readonly subject: string) {
    super(
      `this code's schema for subject "${subject}" cannot read the registered versions; run \`npm run schemas:check\` to see why, then \`npm run codegen\``,
    );
  }
}

/** A message's bytes are not a Confluent-framed Avro value this topic can decode. Retrying will not help. */
export class MessageDecodeError extends EventClientError {
  readonly code = 'MESSAGE_UNDECODABLE';
  readonly retriable = false;
  constructor(
    readonly topic: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`message on "${topic}" cannot be decoded: ${reason}`, options);
  }
}

/** A value does not fit its topic's schema; it was not published. */
export class MessageEncodeError extends EventClientError {
  readonly code = 'MESSAGE_INVALID';
  readonly retriable = false;
  constructor(
    readonly topic: string,
    readonly paths: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`value for "${topic}" does not match its schema at ${paths.join(', ') || '(root)'}`, options);
  }
}

/** The schema registry could not be reached or answered with a server error. */
export class RegistryUnavailableError extends EventClientError {
  readonly code = 'REGISTRY_UNAVAILABLE';
  readonly retriable = true;
  constructor(url: string, options?: { cause?: unknown }) {
    super(
      `schema registry at ${url} is unreachable; start it with \`npm start\` or fix SCHEMA_REGISTRY_URL`,
      options,
    );
  }
}
