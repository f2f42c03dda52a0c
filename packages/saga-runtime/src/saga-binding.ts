import type { SagaDefinition, SagaReply, TopicOf } from '@saga/saga-engine';
import { SagaBindingError } from './saga-binding-error.ts';
import { SagaSearchFieldError } from './saga-search-field-error.ts';
import { sagaSummaryFields } from './saga-summary.ts';
import { sagaViewFields } from './saga-view.ts';

/**
 * What a saga is correlated by: one value per saga (an order id, a trip id), named, or per saga and
 * `instance` where a key has several. The value is the key of every command it sends, and stored as
 * the saga's `key`, with `name` beside it as `keyName`; the saga's view shows it under `name`.
 */
export interface SagaKey<M extends object, S extends TopicOf<M>> {
  /** What the key is, e.g. `orderId`: a field name, and none of the view's own (sagaView.ts). */
  readonly name: string;
  /** The key of the saga a starting message starts. */
  readonly of: (message: M[S]) => string;
  /**
   * What tells apart the sagas of one key, for a definition whose key has several (the returns of
   * one order, keyed by the order so that they stay on its partition and with its writer): the
   * starting message's own id (a return id). The saga's id derives from the key and the instance
   * (saga-id.ts), so each has its own, and a redelivered start finds its saga. None by default: one
   * saga of the definition per key.
   */
  readonly instance?: (message: M[S]) => string;
}

/** Which saga a reply belongs to: the key it carries, and the saga id it carries back. */
export interface SagaCorrelation {
  readonly key: string;
  readonly sagaId: string;
}

/** How a message of topic `S` starts a saga. */
export interface SagaStarter<M extends object, D, S extends TopicOf<M>> {
  readonly topic: S;
  /**
   * The new saga's data from the starting message; the saga id comes from the manager. The manager
   * starts the binding's own definition on it, so a binding whose definition was changed (other
   * step policies, say) starts with the changed one.
   */
  readonly data: (message: M[S], options: { readonly sagaId: string }) => D;
}

/**
 * A saga definition bound to its messages (topic map `M`): what starts a saga, what it is keyed by,
 * and how a reply finds its saga. It is all the saga manager needs to know of one saga, so another
 * saga is another definition and another binding.
 */
export interface SagaBinding<M extends object, D, R, S extends TopicOf<M> = TopicOf<M>> {
  readonly definition: SagaDefinition<M, D, R>;
  readonly key: SagaKey<M, S>;
  readonly start: SagaStarter<M, D, S>;
  /** The saga a reply belongs to, or undefined when the reply names none. */
  readonly correlate: (reply: SagaReply<M>) => SagaCorrelation | undefined;
  /**
   * Top-level fields of the saga data, each a string, that an operator may list sagas by
   * (`GET /sagas?customerId=` for the order saga) and that the list's summaries show: what a person
   * searches sagas by, declared by the binding, so the runtime knows no saga's data. None by default.
   */
  readonly searchable?: readonly SearchableField<D>[];
}

/** A field of the saga data that holds a string. */
export type SearchableField<D> = {
  [F in keyof D]: D[F] extends string ? F : never;
}[keyof D] &
  string;

/** The saga list's query parameters (saga-routes of a service), which no searchable field may be named. */
export const sagaListParameters = [
  'status',
  'step',
  'outcome',
  'createdAfter',
  'createdBefore',
  'limit',
  'cursor',
] as const;

/**
 * Checks a binding where it is written (its key's name, see `SagaKey`) and returns it, so an object
 * literal is type-checked (and its types inferred) there.
 *
 * @throws {SagaBindingError} when the key's name is not a plain field name, or one the view or the
 *   list's summary has
 * @throws {SagaSearchFieldError} when a searchable field is not a plain field name, is repeated, or
 *   is a name the list has already
 */
export function defineSagaBinding<M extends object, D, R, S extends TopicOf<M>>(
  binding: SagaBinding<M, D, R, S>,
): SagaBinding<M, D, R, S> {
  const { name } = binding.key;
  const reserved: readonly string[] = [...sagaViewFields, 'key', 'keyName', 'outcome'];
  if (!fieldName.test(name) || reserved.includes(name))
    throw new SagaBindingError(binding.definition.name, name);
  const taken = [...new Set([...sagaSummaryFields, ...sagaListParameters, name])];
  const seen = new Set<string>();
  for (const field of binding.searchable ?? []) {
    if (!fieldName.test(field) || taken.includes(field) || seen.has(field))
      throw new SagaSearchFieldError(binding.definition.name, field, taken);
    seen.add(field);
  }
  return binding;
}

const fieldName = /^[A-Za-z_][A-Za-z0-9_]*$/;
