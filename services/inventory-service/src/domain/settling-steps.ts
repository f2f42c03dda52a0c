import type { ReplyTopic } from './reply-topic.ts';
import type { InFlightStatus, SettledStatus } from './reservation-status.ts';

/**
 * How an in-flight status that only gives held stock back or sells it is finished: what to do to each
 * line's hold, which status follows once every line is done, the reply written with that status, and
 * the time field it stamps. (RESERVING is different: it takes holds, and its outcome decides its next
 * status; see `failureOf`.)
 */
export interface SettlingStep {
  /** `release`: reserved → available; `commit`: reserved → sold. Either removes the order's hold marker. */
  readonly lineAction: 'release' | 'commit';
  readonly next: SettledStatus;
  readonly reply: ReplyTopic;
  readonly stamp: 'failedAt' | 'committedAt' | 'releasedAt';
}

export const settlingSteps: Readonly<Record<Exclude<InFlightStatus, 'RESERVING'>, SettlingStep>> = {
  ROLLING_BACK: { lineAction: 'release', next: 'FAILED', reply: 'inventory.failed', stamp: 'failedAt' },
  COMMITTING: { lineAction: 'commit', next: 'COMMITTED', reply: 'inventory.completed', stamp: 'committedAt' },
  RELEASING: { lineAction: 'release', next: 'RELEASED', reply: 'inventory.released', stamp: 'releasedAt' },
};
