/**
 * A compare-and-set update kept missing because the document kept changing under it. Retriable: the
 * handler throws it, and the consumer delivers the message again.
 */
export class ContentionError extends Error {
  readonly code = 'CONTENDED';
  readonly retriable = true;
  constructor(
    readonly what: string,
    readonly attempts: number,
  ) {
    super(`${what} changed under ${attempts} attempts in a row; try again`);
    this.name = 'ContentionError';
  }
}
