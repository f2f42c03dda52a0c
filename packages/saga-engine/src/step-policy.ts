/**
 * How long a step waits for its reply, and how often its command is sent before the saga gives up on
 * it. One named object per step (and per compensation), so deadlines are tuned in one place, and a
 * runner can shorten them all for tests without touching the definition (`withPolicies`).
 *
 * The first send waits `deadlineMs`. When no reply came by then, the same command is sent again
 * (receivers are idempotent by the saga's key, so a re-send cannot do the work twice) and the wait
 * grows: `deadlineMs × multiplier^(attempt − 1)`, capped at `maxDeadlineMs`, randomised by ± `jitter`
 * so that sagas stalled by one outage do not all re-send at the same instant. After `maxAttempts`
 * sends, the step gives up.
 */
export interface StepPolicy {
  /** How long the first send waits for a reply. */
  readonly deadlineMs: number;
  /** Sends in all, the first included; at least 1. */
  readonly maxAttempts: number;
  readonly backoff: {
    /** Each re-send waits this many times longer than the send before it; at least 1. */
    readonly multiplier: number;
    /** No wait grows beyond this; at least `deadlineMs`. */
    readonly maxDeadlineMs: number;
    /** Randomises each re-send's wait by ± this fraction (0..1). */
    readonly jitter: number;
  };
}

/**
 * How long send number `attempt` (1 for the first) waits for its reply. `random` returns a number in
 * [0, 1), like Math.random; the engine takes it from the caller so that it stays pure. The first send
 * is not jittered: its deadline is exactly the one the policy names.
 */
export function replyWindowMs(policy: StepPolicy, attempt: number, random: () => number): number {
  if (attempt <= 1) return policy.deadlineMs;
  const { multiplier, maxDeadlineMs, jitter } = policy.backoff;
  const base = Math.min(policy.deadlineMs * multiplier ** (attempt - 1), maxDeadlineMs);
  return Math.round(Math.min(base * (1 - jitter + 2 * jitter * random()), maxDeadlineMs));
}

/** What is wrong with a policy, in words, or null when nothing is. */
export function policyProblem(policy: StepPolicy): string | null {
  const { deadlineMs, maxAttempts, backoff } = policy;
  if (!(Number.isFinite(deadlineMs) && deadlineMs > 0)) return `deadlineMs must be > 0, not ${deadlineMs}`;
  if (!(Number.isInteger(maxAttempts) && maxAttempts >= 1))
    return `maxAttempts must be an integer ≥ 1, not ${maxAttempts}`;
  if (!(Number.isFinite(backoff.multiplier) && backoff.multiplier >= 1))
    return `backoff.multiplier must be ≥ 1, not ${backoff.multiplier}`;
  if (!(backoff.maxDeadlineMs >= deadlineMs))
    return `backoff.maxDeadlineMs (${backoff.maxDeadlineMs}) must be ≥ deadlineMs (${deadlineMs})`;
  if (!(backoff.jitter >= 0 && backoff.jitter <= 1))
    return `backoff.jitter must be between 0 and 1, not ${backoff.jitter}`;
  return null;
}
