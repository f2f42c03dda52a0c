import type { Config } from '@saga/config';
import type { Correctness } from './correctness/correctness.ts';

/**
 * One part of `npm run bench`: measures one thing and returns its figures. Sections are independent:
 * each makes its own topics, groups and databases and removes them, so any subset runs in any order.
 */
export interface BenchSection {
  /** Short id, used on the command line (`npm run bench -- --only raw-pipeline`) and in the JSON. */
  readonly name: string;
  /** What a reader sees above its rows. */
  readonly title: string;
  /**
   * About how long the section takes in `mode` at the reference pace (estimate/reference-pace.ts),
   * with the sizes it would use now (its environment settings included): summed and printed at the
   * start of a run, so whoever starts it knows whether to wait for it.
   */
  estimatedSeconds(mode: BenchContext['mode']): number;
  run(context: BenchContext): Promise<SectionResult>;
}

export interface BenchContext {
  /** quick: about 2 minutes for the whole run; full: the figures docs/performance.md quotes. */
  readonly mode: 'quick' | 'full';
  readonly config: Config;
  /** One line of progress, shown while the section runs (it may take minutes). */
  readonly progress: (message: string) => void;
  /**
   * Figures a section found that later ones build on, e.g. `saga-capacity` (sagas/s from the burst),
   * which the overload section offers twice of. A section run alone measures what it needs itself.
   */
  readonly findings: Map<string, number>;
}

/** One figure of the table: `value` in `unit`, with whatever explains it in `detail`. */
export interface Measurement {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface SectionResult {
  readonly section: string;
  readonly rows: readonly Measurement[];
  /** Series for the charts, e.g. latency against offered rate. */
  readonly series?: Readonly<Record<string, readonly Readonly<Record<string, number>>[]>>;
  /**
   * Whether every order the section placed ended as expected (none lost, stuck or wrong); absent for
   * a section that places no orders. Any failure here fails the run, whatever the figures say.
   */
  readonly correctness?: Correctness;
  /** Wall time the section took, set by bench.ts: what to hold its estimate against. */
  readonly seconds?: number;
}
