import type { SagaDefinition, SagaReply, TopicOf } from '@saga/saga-engine';
import { SagaBindingError } from './saga-binding-error.ts';
import { sagaViewFields } from './saga-view.ts';

/**
 * What a saga is correlated by: one value per saga (an order id, a trip id), named. The value is the
 * saga's unique key with its definition, the key of every command it sends, and stored as the saga's
 * `key`, with `name` beside it as `keyName`; the saga's view shows it under `name`.
 */
export interface SagaKey<M extends object, S extends TopicOf<M>> {
  /** What the key is, e.g. `orderId`: a field name, and none of the view's own (sagaView.ts). */
  readonly name: string;
  /** The key of the saga a starting message starts. */
  readonly of: (message: M[S]) => string;
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
}

/**
 * Checks a binding where it is written (its key's name, see `SagaKey`) and returns it, so an object
 * literal is type-checked (and its types inferred) there.
 *
 * @throws {SagaBindingError} when the key's name is not a plain field name, or one the view has
 */
export function defineSagaBinding<M extends object, D, R, S extends TopicOf<M>>(
  binding: SagaBinding<M, D, R, S>,
): SagaBinding<M, D, R, S> {
  const { name } = binding.key;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || (sagaViewFields as readonly string[]).includes(name))
    throw new SagaBindingError(binding.definition.name, name);
  return binding;
}
