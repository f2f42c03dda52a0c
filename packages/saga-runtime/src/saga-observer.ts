/**
 * Told how sagas progress, for metrics (@saga/metrics' SagaMetrics has this shape). The saga manager
 * calls it after each write it made, from the saga as written: nothing is read for it.
 */
export interface SagaObserver {
  started(): void;
  /** `outcome`: COMPLETED, or the cancelled saga's failure reason (see sagaOutcome). */
  finished(outcome: string, seconds: number): void;
  /** A step's reply was applied: `seconds` since its command was first sent. */
  stepSettled(step: string, seconds: number): void;
  /** A deadline passed and the step's command (or compensation) was sent again. */
  deadlineResent(step: string): void;
}
