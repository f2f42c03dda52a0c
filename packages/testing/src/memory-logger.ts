import { pino } from 'pino';
import { loggerOptions, type Logger } from '@saga/logging';

/**
 * A real platform logger whose JSON lines land in `lines`, so tests can read what a service said.
 * With TEST_LOG=1 the lines are echoed to stdout as well, to watch a failing suite.
 */
export function memoryLogger(
  component = 'test',
  level = 'info',
): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const echo = process.env.TEST_LOG === '1';
  const logger = pino(loggerOptions(component, level), {
    write: (text: string) => {
      for (const line of text.split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      if (echo) process.stdout.write(text);
    },
  });
  return { logger, lines };
}

/** A logger for a test's own clients: errors only, everything with TEST_LOG=1. */
export function quietLogger(component = 'test'): Logger {
  return pino(loggerOptions(component, process.env.TEST_LOG === '1' ? 'info' : 'error'));
}
