import type { Logger } from '@saga/logging';
import { platformServices, type PlatformService, type ServiceUrls } from '../service-urls.ts';
import type { MetricWindow } from './metric-window.ts';
import { parsePrometheusText } from './prometheus-text.ts';

export interface MetricsScraperDeps {
  readonly urls: ServiceUrls;
  readonly window: MetricWindow;
  /** Sent as the bearer token (one of the console's own OPS_TOKENS); none when the metrics are public. */
  readonly token?: string;
  readonly everyMs: number;
  readonly logger: Logger;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

export interface MetricsScraper {
  /** Reads every service's /metrics once, now (the timer does it every `everyMs`). */
  scrapeOnce(): Promise<void>;
  stop(): void;
}

/**
 * Reads each service's `GET /metrics` every `everyMs` into the window. A service that does not answer,
 * refuses (401: the console has no ops token and the metrics are not public) or answers something that
 * does not parse is marked down with why; the others go on. A failure is logged once when it starts
 * and once when it ends, not on every scrape.
 */
export function startMetricsScraper(deps: MetricsScraperDeps): MetricsScraper {
  const fetchMetrics = deps.fetch ?? fetch;
  const now = deps.now ?? Date.now;
  const failing = new Set<PlatformService>();

  async function scrape(service: PlatformService): Promise<void> {
    const at = now();
    try {
      const response = await fetchMetrics(`${deps.urls[service]}/metrics`, {
        headers: deps.token === undefined ? {} : { authorization: `Bearer ${deps.token}` },
        signal: AbortSignal.timeout(Math.max(1_000, deps.everyMs)),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
      deps.window.add(service, { at, samples: parsePrometheusText(text) });
      if (failing.delete(service)) deps.logger.info({ service }, 'metrics readable again');
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      const reason = cause instanceof Error ? cause.message : String(cause);
      deps.window.failed(service, at, reason);
      if (!failing.has(service)) {
        failing.add(service);
        deps.logger.warn({ service, reason }, 'cannot read metrics');
      }
    }
  }

  const scrapeOnce = async () => {
    await Promise.all(platformServices.map(scrape));
  };
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    // A slow round is not stacked on: the next starts once it is done.
    running ??= scrapeOnce().finally(() => (running = undefined));
  }, deps.everyMs);
  timer.unref();
  void (running = scrapeOnce().finally(() => (running = undefined)));
  return {
    scrapeOnce,
    stop: () => {
      clearInterval(timer);
    },
  };
}
