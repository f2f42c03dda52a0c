/**
 * What `GET /api/overview` answers, as data only: the console's backend computes it (overview.ts)
 * and its UI draws it (ui/src/pages/overview-page.ts), both from this one shape. It imports
 * nothing, so the browser bundle's type check (no Node types) can read it too.
 */

/** One point of the saga series: rates over the `stepMs` before `at`. */
export interface SagaPoint {
  readonly at: string;
  readonly startedPerMinute: number;
  readonly finishedPerMinute: number;
  /** Seconds, of the sagas that finished in the step; null when none did. */
  readonly p50Seconds: number | null;
  readonly p99Seconds: number | null;
}

export interface ServiceOverview {
  /** One of the platform services (service-urls.ts), by name. */
  readonly service: string;
  /** Whether its last scrape worked, and when it was. */
  readonly up: boolean;
  readonly error: string | null;
  readonly scrapedAt: string | null;
  /** Messages behind on the topics it consumes, per topic and in all; null when it exports no lag. */
  readonly consumerLag: number | null;
  readonly consumerLagByTopic: Readonly<Record<string, number>>;
  readonly messagesPerMinute: number | null;
  readonly outboxPending: number | null;
  readonly outboxOldestAgeSeconds: number | null;
  readonly deadLettersByTopic: Readonly<Record<string, number>>;
}

/** What the overview page shows: the sagas over the window, and each service's state. */
export interface Overview {
  readonly window: { readonly from: string | null; readonly to: string | null; readonly seconds: number };
  readonly sagas: {
    readonly started: number;
    readonly finishedByOutcome: Readonly<Record<string, number>>;
    readonly startedPerMinute: number | null;
    readonly finishedPerMinute: number | null;
    readonly p50Seconds: number | null;
    readonly p99Seconds: number | null;
    readonly inStatus: Readonly<Record<string, number>>;
    readonly series: readonly SagaPoint[];
  };
  readonly services: readonly ServiceOverview[];
}
