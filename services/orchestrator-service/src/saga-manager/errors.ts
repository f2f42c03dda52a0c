/**
 * Another write changed the saga between the read a decision was made on and the update that would
 * record it: the update's version guard matched nothing. Retriable: the manager reloads the saga and
 * decides again; if that keeps happening past its retry budget, the consumer gets the message again.
 */
export class SagaVersionConflictError extends Error {
  readonly code = 'SAGA_VERSION_CONFLICT';
  readonly retriable = true;

  constructor(
    readonly sagaId: string,
    /** The version the decision was made on. */
    readonly version: number,
  ) {
    super(`saga ${sagaId} changed after version ${version} was read; its decision must be made again`);
    this.name = 'SagaVersionConflictError';
  }
}
