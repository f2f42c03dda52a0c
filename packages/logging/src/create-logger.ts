import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * One JSON line per event, tagged with the component that wrote it.
 * Secrets are redacted by path so a careless `log.info({ config })` cannot leak them.
 */
export function createLogger(component: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: component,
    level,
    base: { component, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        '*.password',
        '*.token',
        '*.authorization',
        'headers.authorization',
        '*.sasl',
        'config.*.password',
      ],
      censor: '[redacted]',
    },
  });
}
