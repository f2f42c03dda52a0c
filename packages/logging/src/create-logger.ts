import { pino, type Logger } from 'pino';
import { redactSecrets } from './redact-secrets.ts';
import { traceFields } from './trace-fields.ts';

export type { Logger };

/**
 * One JSON line per event, tagged with the component that wrote it.
 * Secrets are censored by field name at any depth (see redactSecrets), so a careless
 * `log.info({ config })` or `log.info({ headers })` cannot leak a password or a bearer token.
 * Lines written while a span is active carry its `trace_id` and `span_id` (see traceFields).
 */
export function createLogger(component: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(loggerOptions(component, level));
}

/** The options of every platform logger; exported so tests can write the same lines to memory. */
export function loggerOptions(component: string, level: string): pino.LoggerOptions {
  return {
    name: component,
    level,
    base: { component, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: traceFields,
    formatters: { log: (object) => redactSecrets(object) },
  };
}
