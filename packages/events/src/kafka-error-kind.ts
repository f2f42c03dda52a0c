/**
 * What a failure of a Kafka request means to the platform, whatever client raised it:
 *
 * - `connection-refused`: nothing listens at the broker's address (a stopped broker, a listener not opened).
 * - `unreachable`: the broker did not answer in time, went away, or has no leader or coordinator for
 *   the request yet: an outage that passes; trying again later helps.
 * - `authentication-failed`: the broker refused the SASL credentials; trying again cannot help.
 * - `other`: anything else (a protocol error, a bug).
 *
 * `connection-refused` and `unreachable` are both outages (see isKafkaOutage).
 */
export type KafkaErrorKind = 'connection-refused' | 'unreachable' | 'authentication-failed' | 'other';

/**
 * kafkajs's errors for "the other side is not there right now", by name: it gives up on a connection
 * with these after its own retries. Names rather than classes: a client bundled twice fails `instanceof`.
 */
const UNREACHABLE_ERROR_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment',
  'KafkaJSTimeout',
  'KafkaJSLockTimeout',
]);

const AUTHENTICATION_ERROR_NAMES = new Set(['KafkaJSSASLAuthenticationError']);

interface ErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly cause?: unknown;
  readonly originalError?: unknown;
}

/** The kind of this one error, not looking at its causes; undefined when it is no Kafka client's error. */
export function ownKafkaErrorKind(error: unknown): KafkaErrorKind | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code } = error as ErrorLike;
  if (typeof name !== 'string') return undefined;
  if (AUTHENTICATION_ERROR_NAMES.has(name)) return 'authentication-failed';
  if (name === 'KafkaJSConnectionError' && code === 'ECONNREFUSED') return 'connection-refused';
  if (UNREACHABLE_ERROR_NAMES.has(name)) return 'unreachable';
  return undefined;
}

/**
 * The kind of a failed Kafka request, from the whole chain of causes: a precise kind (a refused login
 * or connection) wins over `unreachable` wherever it is, since clients wrap it in "retries exceeded";
 * `other` when no error of the chain says anything.
 */
export function kafkaErrorKind(error: unknown): KafkaErrorKind {
  let found: KafkaErrorKind = 'other';
  const seen = new Set<unknown>();
  for (let e = error; typeof e === 'object' && e !== null && !seen.has(e);) {
    seen.add(e);
    const kind = ownKafkaErrorKind(e);
    if (kind === 'authentication-failed' || kind === 'connection-refused') return kind;
    if (kind === 'unreachable') found = kind;
    const next = e as ErrorLike;
    e = next.cause ?? next.originalError;
  }
  return found;
}

/** Whether the failure is an outage of the broker: trying again later helps. */
export function isKafkaOutage(error: unknown): boolean {
  const kind = kafkaErrorKind(error);
  return kind === 'connection-refused' || kind === 'unreachable';
}
