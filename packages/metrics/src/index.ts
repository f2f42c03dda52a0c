export { cachedReading, type CachedReadingOptions } from './cached-reading.ts';
export { metricNames, type MetricName } from './metric-names.ts';
export {
  createPlatformMetrics,
  type ConsumerLagReading,
  type HttpMetrics,
  type MessageMetrics,
  type MessageOutcome,
  type OutboxReading,
  type PlatformMetrics,
  type PlatformMetricsOptions,
  type SagaMetrics,
  type SagaStatusReading,
} from './platform-metrics.ts';
