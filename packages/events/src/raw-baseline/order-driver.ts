import { performance } from 'node:perf_hooks';
import type { Producer } from 'kafkajs';
import { firstMessage } from './pipeline-message.ts';
import { PipelineStalledError } from './pipeline-stalled-error.ts';

/** order.created messages per send when a burst starts its pipelines. */
const SEND_CHUNK = 1000;
/** Pipelines may go this long without one completing before a phase gives up. */
const STALL_MS = 20_000;

export interface BurstResult {
  readonly count: number;
  /** From the first send of order.created to the last order.confirm consumed. */
  readonly elapsedMs: number;
}

export interface RateResult {
  /** Each pipeline's time from its send of order.created to its order.confirm consumed. */
  readonly latenciesMs: readonly number[];
  readonly elapsedMs: number;
}

interface Phase {
  readonly started: Map<string, number>;
  readonly latenciesMs: number[];
  expected: number;
  lastProgressAt: number;
  lastCompletedAt: number;
  finish: () => void;
}

/**
 * The order role's producing half: starts pipelines by sending order.created, and hears of their end
 * from the relay (`complete`, on order.confirm). Times are taken in this one process, so a pipeline's
 * latency needs no clock shared between machines or processes.
 */
export class OrderDriver {
  private phase: Phase | undefined;

  constructor(
    private readonly producer: Producer,
    private readonly firstTopic: string,
  ) {}

  /** The relay saw the last message of `orderId`'s pipeline. Messages of earlier phases are ignored. */
  complete(orderId: string): void {
    const phase = this.phase;
    const startedAt = phase?.started.get(orderId);
    if (!phase || startedAt === undefined) return;
    phase.started.delete(orderId);
    const now = performance.now();
    phase.latenciesMs.push(now - startedAt);
    phase.lastProgressAt = now;
    phase.lastCompletedAt = now;
    if (phase.latenciesMs.length === phase.expected) phase.finish();
  }

  /**
   * `count` pipelines offered at once: their order.created sent together (in sends of SEND_CHUNK), the
   * same way whatever the relay style, so that a burst measures how fast the roles carry pipelines
   * through, not how fast one producer can send them one by one. Elapsed from the first send to the
   * last completion.
   */
  async burst(count: number, idPrefix: string): Promise<BurstResult> {
    const ids = Array.from({ length: count }, (_, i) => `${idPrefix}-${i}`);
    const firstSendAt = performance.now();
    const phase = await this.runPhase(count, async (phase) => {
      for (let start = 0; start < count; start += SEND_CHUNK) {
        const chunk = ids.slice(start, start + SEND_CHUNK);
        const at = performance.now();
        for (const id of chunk) phase.started.set(id, at);
        await this.producer.send({ topic: this.firstTopic, messages: chunk.map(firstMessage) });
      }
    });
    return { count, elapsedMs: phase.lastCompletedAt - firstSendAt };
  }

  /** Pipelines started at a fixed `perSecond` for `seconds`, each on its own send; their latencies. */
  async rate(perSecond: number, seconds: number, idPrefix: string): Promise<RateResult> {
    const count = Math.max(1, Math.round(perSecond * seconds));
    const intervalMs = 1000 / perSecond;
    const startedAt = performance.now();
    const phase = await this.runPhase(count, async (phase) => {
      const sends: Promise<unknown>[] = [];
      for (let i = 0; i < count; i++) {
        // On a schedule fixed from the start, so a slow send does not lower the offered rate.
        const wait = startedAt + i * intervalMs - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const id = `${idPrefix}-${i}`;
        phase.started.set(id, (phase.lastProgressAt = performance.now()));
        sends.push(this.producer.send({ topic: this.firstTopic, messages: [firstMessage(id)] }));
      }
      await Promise.all(sends);
    });
    return { latenciesMs: phase.latenciesMs, elapsedMs: phase.lastCompletedAt - startedAt };
  }

  /** Runs `send` as a phase and resolves once all `expected` pipelines completed. */
  private async runPhase(expected: number, send: (phase: Phase) => Promise<void>): Promise<Phase> {
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const now = performance.now();
    const phase: Phase = {
      started: new Map(),
      latenciesMs: [],
      expected,
      lastProgressAt: now,
      lastCompletedAt: now,
      finish,
    };
    this.phase = phase;
    let watch: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      watch = setInterval(() => {
        const quiet = performance.now() - phase.lastProgressAt;
        if (quiet > STALL_MS) reject(new PipelineStalledError(phase.latenciesMs.length, expected, STALL_MS));
      }, 500);
    });
    try {
      await Promise.race([
        send(phase).then(() => {
          // Sending counts as progress: a phase still sending (a long rate phase) is not stalled.
          phase.lastProgressAt = Math.max(phase.lastProgressAt, performance.now());
        }),
        stalled,
      ]);
      await Promise.race([done, stalled]);
      return phase;
    } finally {
      clearInterval(watch);
      this.phase = undefined;
    }
  }
}
