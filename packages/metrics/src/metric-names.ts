/**
 * Every metric the platform registers besides prom-client's default process metrics, by the name
 * dashboards and alerts use. Renaming one breaks them: the dashboard spec checks its queries against
 * this list.
 */
export const metricNames = {
  sagaStarted: 'saga_started_total',
  sagaFinished: 'saga_finished_total',
  sagaDuration: 'saga_duration_seconds',
  sagaStepDuration: 'saga_step_duration_seconds',
  sagaDeadlineResends: 'saga_deadline_resends_total',
  sagasInStatus: 'sagas_in_status',
  messagesHandled: 'messages_handled_total',
  messageHandleDuration: 'message_handle_duration_seconds',
  kafkaConsumerLag: 'kafka_consumer_lag',
  outboxPending: 'outbox_pending',
  outboxOldestAge: 'outbox_oldest_age_seconds',
  deadLetters: 'dead_letters_total',
  httpRequestDuration: 'http_request_duration_seconds',
} as const;

export type MetricName = (typeof metricNames)[keyof typeof metricNames];
