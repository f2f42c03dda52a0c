import { ownKafkaErrorKind } from './kafka-error-kind.ts';

/**
 * What a consumer does with a message whose handling failed, decided by the error alone:
 *
 * - `transient`: the infrastructure is away (broker, registry, store) or the error says trying again
 *   helps (`retriable: true`). The same message is tried again, with backoff, for as long as it takes.
 * - `permanent`: the error says trying again cannot help (`retriable: false`): bytes that do not decode,
 *   an unknown schema id, a value that breaks a domain rule. The message goes to the dead-letter topic.
 * - `unclassified`: anything else (a TypeError, a bare Error). Tried a bounded number of times, then
 *   dead-lettered, marked as unclassified, so a bug never blocks a partition for good.
 */
export type ErrorClassification = 'transient' | 'permanent' | 'unclassified';

/**
 * Why a message was given up on, as its dead letter says: its error was `permanent`, or
 * `unclassified` after a few attempts, or `retries-exhausted`: it said trying again helps
 * (`retriable: true`) for longer than the policy allows without being an outage, which is a bug or a
 * stuck document, and must not stop its partition for good.
 */
export type DeadLetterClassification = Exclude<ErrorClassification, 'transient'> | 'retries-exhausted';

/**
 * Errors that mean "the other side is not there right now", by name, from anywhere in the cause chain
 * (the broker's are the Kafka client's to name: kafka-error-kind.ts).
 * Names rather than classes: the consumer must not import mongoose or the MongoDB driver, and a copy
 * of a driver bundled twice would fail `instanceof` anyway.
 */
const TRANSIENT_ERROR_NAMES = new Set([
  // Schema registry.
  'RegistryUnavailableError',
  // Store: the MongoDB driver and mongoose.
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoClientClosedError',
  'MongoPoolClearedError',
  'MongoOperationTimeoutError',
]);

/**
 * Codes of errors that only say a bounded retry of their own ran out (service-kit's RetryTimeoutError).
 * They are no verdict on the failure: the error they wrap decides, so a transient conflict that a
 * retry gave up on is still retried by the consumer, under its own bound (`retriableGiveUpMs`).
 */
const RETRIES_SPENT_CODES = new Set(['RETRY_TIMEOUT']);

/** Node's codes for a peer that is not there (e.g. under a `fetch failed` TypeError). */
const TRANSIENT_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** MongoDB labels an error that a retry of the same operation may cure. */
const TRANSIENT_MONGO_LABELS = ['RetryableWriteError', 'ResetPool', 'TransientTransactionError'];

interface ErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly retriable?: unknown;
  readonly cause?: unknown;
  readonly errorLabels?: unknown;
  readonly errorLabelSet?: unknown;
}

/**
 * Classifies a failed attempt. The order matters: an outage is transient whatever flag the outermost
 * error carries (the Kafka client flags "retries exceeded" non-retriable because *its* retries are
 * spent, not ours); then the nearest `retriable` flag down the cause chain decides: a wrapper that flags nothing
 * (a plain Error with a cause), or only says that a retry of its own ran out (RETRY_TIMEOUT), passes
 * the verdict to what it wraps, so a transient conflict wrapped in another error is still retried;
 * with no flag anywhere, the error is unclassified.
 */
export function classifyError(error: unknown): ErrorClassification {
  if (isOutage(error)) return 'transient';
  const flag = nearestFlag(error);
  if (flag === false) return 'permanent';
  if (flag === true) return 'transient';
  return 'unclassified';
}

/** The `retriable` flag of the outermost error that has one and is not a mere "retries spent". */
function nearestFlag(error: unknown): boolean | undefined {
  for (const e of causeChain(error)) {
    const spent = typeof e.code === 'string' && RETRIES_SPENT_CODES.has(e.code);
    if (typeof e.retriable === 'boolean' && !(spent && e.cause !== undefined)) return e.retriable;
  }
  return undefined;
}

/** Whether the error, or any error it was caused by, says that a piece of infrastructure is unreachable. */
export function isOutage(error: unknown): boolean {
  for (const e of causeChain(error)) {
    if (typeof e.name === 'string' && TRANSIENT_ERROR_NAMES.has(e.name)) return true;
    const kafka = ownKafkaErrorKind(e);
    if (kafka === 'unreachable' || kafka === 'connection-refused') return true;
    if (typeof e.code === 'string' && TRANSIENT_SYSTEM_CODES.has(e.code)) return true;
    if (hasTransientLabel(e)) return true;
    // mongoose queues operations while disconnected and fails them with a plain MongooseError.
    if (
      e.name === 'MongooseError' &&
      typeof e.message === 'string' &&
      e.message.includes('buffering timed out')
    )
      return true;
  }
  return false;
}

/** The error, then what caused it, and so on; each once, so a cycle of causes ends. */
function* causeChain(error: unknown): Generator<ErrorLike> {
  const seen = new Set<unknown>();
  for (
    let e = error as ErrorLike | undefined;
    e && typeof e === 'object' && !seen.has(e);
    e = e.cause as ErrorLike
  ) {
    seen.add(e);
    yield e;
  }
}

function hasTransientLabel(e: ErrorLike): boolean {
  const labels = e.errorLabelSet instanceof Set ? [...(e.errorLabelSet as Set<unknown>)] : e.errorLabels;
  return Array.isArray(labels) && labels.some((label) => TRANSIENT_MONGO_LABELS.includes(label as string));
}

/** The error as the dead-letter headers and logs name it: its class name, its code if any, its message. */
export interface ErrorDescription {
  readonly name: string;
  readonly code?: string;
  readonly message: string;
}

export function describeError(error: unknown): ErrorDescription {
  if (error instanceof Error || (typeof error === 'object' && error !== null)) {
    const e = error as ErrorLike;
    const name = typeof e.name === 'string' && e.name !== '' ? e.name : 'Error';
    const code = typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code) : undefined;
    const message = typeof e.message === 'string' ? e.message : JSON.stringify(error);
    return { name, ...(code === undefined ? {} : { code }), message };
  }
  return { name: typeof error, message: String(error) };
}
