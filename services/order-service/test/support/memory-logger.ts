import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from '@saga/logging';

/** A real pino logger whose JSON lines land in `lines`, so tests can read what was logged. */
export function memoryLogger(level = 'debug'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}
