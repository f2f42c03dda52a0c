import { BenchError } from '../bench-error.ts';

/** None of the burst's confirmed orders had left all its documents in the archives in time to be copied. */
export class NoSagaTemplateError extends BenchError {
  readonly code = 'BENCH_NO_SAGA_TEMPLATE';

  constructor(
    readonly candidates: number,
    readonly waitedMs: number,
  ) {
    super(
      `none of ${candidates} confirmed orders of the burst had its saga, order, reservation, payment and ledger entry archived after ${Math.round(waitedMs / 1_000)} s: is the outbox relay of every service running (see .stack/logs)?`,
    );
  }
}
