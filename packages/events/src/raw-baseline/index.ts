/**
 * `@saga/events/raw-baseline`: the order saga's eight hops on the bare Kafka client, for the bench's
 * raw-pipeline section. It lives in @saga/events, the one package that may use the client itself, so
 * the baseline measures exactly the client that the platform's seam (KafkaCluster, the event client)
 * wraps.
 */
export { BaselineRole, type BaselineRoleOptions } from './baseline-role.ts';
export type { OrderDriver, BurstResult, RateResult } from './order-driver.ts';
export { PipelineStalledError } from './pipeline-stalled-error.ts';
export type { Routes } from './relay.ts';
export { batchedCandidates, perMessageSettings, type RelaySettings } from './relay-settings.ts';
