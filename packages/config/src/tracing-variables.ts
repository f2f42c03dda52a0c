import { z } from 'zod';

/** An OTLP endpoint: unset, or an http(s) URL. */
const endpoint = (doc: string) => ({
  default: '',
  doc,
  schema: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })]),
});

const samplers = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/**
 * The standard OpenTelemetry variables the platform's tracing reads (start-tracing.ts in service-kit;
 * the SDK reads them from the process environment itself). Checked here so that a typo stops the
 * service with the variable's name instead of tracing quietly going elsewhere. The SDK honours the
 * other OTEL_* variables too (headers, timeouts, batch sizes): see docs/observability.md.
 */
export const tracingVariables = {
  OTEL_EXPORTER_OTLP_ENDPOINT: endpoint(
    'Tracing: the OTLP collector (e.g. http://127.0.0.1:4318, a collector or Jaeger). Unset (and OTEL_EXPORTER_OTLP_TRACES_ENDPOINT unset), tracing is off and the SDK is not even loaded. See docs/observability.md.',
  ),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint(
    'Tracing: the full URL spans are sent to (e.g. http://127.0.0.1:4318/v1/traces); wins over OTEL_EXPORTER_OTLP_ENDPOINT, and turns tracing on alone too.',
  ),
  OTEL_EXPORTER_OTLP_PROTOCOL: {
    default: 'http/protobuf',
    doc: 'Tracing: how spans are sent: `http/protobuf`, `http/json` or `grpc` (the gRPC endpoint, usually port 4317).',
    schema: z.enum(['http/protobuf', 'http/json', 'grpc'], {
      error: 'must be http/protobuf, http/json or grpc',
    }),
  },
  OTEL_SERVICE_NAME: {
    default: '',
    doc: "Tracing: the `service.name` of the spans; unset, the service's own name (order-service, ...).",
    schema: z.string(),
  },
  OTEL_RESOURCE_ATTRIBUTES: {
    default: '',
    doc: 'Tracing: more resource attributes, `key=value,key=value` (e.g. `deployment.environment.name=staging`); a `service.name` here also names the service.',
    schema: z.string(),
  },
  OTEL_TRACES_SAMPLER: {
    default: 'parentbased_always_on',
    doc: `Tracing: which traces are kept: ${samplers.map((s) => `\`${s}\``).join(', ')}. Parent-based ones follow the caller's \`traceparent\` decision.`,
    schema: z.enum(samplers, { error: `must be one of ${samplers.join(', ')}` }),
  },
  OTEL_TRACES_SAMPLER_ARG: {
    default: '',
    doc: 'Tracing: the ratio (0..1) of the `traceidratio` samplers, e.g. 0.1.',
    schema: z
      .string()
      .refine((s) => s === '' || (Number(s) >= 0 && Number(s) <= 1), 'must be a number from 0 to 1'),
  },
  OTEL_BSP_SCHEDULE_DELAY: {
    default: '5000',
    doc: 'Tracing: milliseconds between two exports of the finished spans (a stop exports what is left).',
    schema: z.string().regex(/^\d{1,9}$/, 'must be a whole number of milliseconds'),
  },
} as const;
