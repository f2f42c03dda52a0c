export { createLogger, loggerOptions, type Logger } from './create-logger.ts';
export { CENSOR, redactSecrets } from './redact-secrets.ts';
export { redactUrl } from './redact-url.ts';
export { traceFields, withTraceFields, type TraceFields } from './trace-fields.ts';
