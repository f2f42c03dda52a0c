import type { Logger } from '@saga/logging';
import type { ServiceUrls } from './service-urls.ts';

export interface ConsoleOptions {
  /** Where configuration is read from (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Overrides CONSOLE_PORT; 0 takes any free port. */
  readonly port?: number;
  /** Overrides HOST. */
  readonly host?: string;
  /** The services to talk to (default: on HOST at their configured ports); tests pass in-process ones. */
  readonly urls?: ServiceUrls;
  readonly logger?: Logger;
  /** How often every service's /metrics is read (default 5 s). */
  readonly scrapeEveryMs?: number;
  /** How much metric history is kept in memory (default 15 minutes). */
  readonly windowMs?: number;
  /** The step of the overview's series: each point's rates are over this long (default 30 s). */
  readonly stepMs?: number;
  /** Stop and exit 0 on SIGTERM/SIGINT (default true; tests turn it off). */
  readonly handleSignals?: boolean;
}

export const consoleDefaults = {
  scrapeEveryMs: 5_000,
  windowMs: 15 * 60_000,
  stepMs: 30_000,
} as const;
