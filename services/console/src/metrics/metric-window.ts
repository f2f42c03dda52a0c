import type { PlatformService } from '../service-urls.ts';
import type { Sample } from './prometheus-text.ts';

/** One service's metrics as read at one moment. */
export interface Scrape {
  readonly at: number;
  readonly samples: readonly Sample[];
}

/** How the last attempt to read a service's metrics went. */
export interface ScrapeOutcome {
  readonly at: number;
  readonly ok: boolean;
  /** Why it failed (unreachable, 401 without an ops token, a line that does not parse). */
  readonly error?: string;
}

/**
 * The last few minutes of every service's metrics, in memory: the console needs trends over minutes,
 * not history (that is Prometheus's job), so scrapes older than `spanMs` before a service's newest
 * are dropped as new ones arrive.
 */
export class MetricWindow {
  private readonly scrapesOf = new Map<PlatformService, Scrape[]>();
  private readonly outcomes = new Map<PlatformService, ScrapeOutcome>();

  constructor(readonly spanMs: number) {}

  add(service: PlatformService, scrape: Scrape): void {
    const kept = (this.scrapesOf.get(service) ?? []).filter((s) => s.at >= scrape.at - this.spanMs);
    kept.push(scrape);
    this.scrapesOf.set(service, kept);
    this.outcomes.set(service, { at: scrape.at, ok: true });
  }

  failed(service: PlatformService, at: number, error: string): void {
    this.outcomes.set(service, { at, ok: false, error });
  }

  /** A service's scrapes in the window, oldest first. */
  scrapes(service: PlatformService): readonly Scrape[] {
    return this.scrapesOf.get(service) ?? [];
  }

  /** How the last scrape of a service went; undefined before the first. */
  outcome(service: PlatformService): ScrapeOutcome | undefined {
    return this.outcomes.get(service);
  }
}
