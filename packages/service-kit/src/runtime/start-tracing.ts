import { redactUrl, type Logger } from '@saga/logging';

/** A started OpenTelemetry SDK: `stop` flushes the spans still buffered and shuts the exporter down. */
export interface Tracing {
  readonly enabled: boolean;
  stop(): Promise<void>;
}

const off: Tracing = { enabled: false, stop: () => Promise.resolve() };

/**
 * Starts OpenTelemetry tracing for this process when an OTLP endpoint is configured
 * (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT); otherwise the SDK is not even
 * loaded, and the platform's spans are @opentelemetry/api's no-ops.
 *
 * The SDK reads the standard OTEL_* variables itself (protocol, headers, sampler, batch delays,
 * resource attributes). `service.name` is the service's own name unless OTEL_SERVICE_NAME or
 * OTEL_RESOURCE_ATTRIBUTES names one. Only traces are exported: no metrics or logs, and no
 * auto-instrumentation (the platform makes its HTTP and messaging spans itself).
 */
export async function startTracing(deps: {
  readonly service: string;
  readonly logger: Logger;
}): Promise<Tracing> {
  // The SDK reads process.env itself, so the decision does too (not a test's `env` override).
  const env = process.env;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || env.OTEL_SDK_DISABLED === 'true') return off;
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const named =
    Boolean(env.OTEL_SERVICE_NAME) || /(^|,)\s*service\.name\s*=/.test(env.OTEL_RESOURCE_ATTRIBUTES ?? '');
  const sdk = new NodeSDK({
    ...(named ? {} : { serviceName: deps.service }),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  deps.logger.info(
    {
      endpoint: redactUrl(endpoint),
      protocol: env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || 'http/protobuf',
    },
    'tracing on: exporting spans over OTLP',
  );
  return {
    enabled: true,
    stop: async () => {
      // A collector that is away loses the last spans, but must not fail the service's stop.
      await sdk.shutdown().catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'tracing: the last spans could not be exported at stop');
      });
    },
  };
}
