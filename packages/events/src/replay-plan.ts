import type { DeadLetter, RecordPosition } from './dead-letter.ts';

/** Why a replay left a dead letter alone. */
export type SkipReason = 'already-replayed' | 'is-a-replay';

/** A dead letter a replay left alone, and why, in words for people. */
export interface SkippedDeadLetter {
  readonly deadLetter: RecordPosition;
  readonly reason: SkipReason;
  readonly message: string;
}

/** Which dead letters `replay --all` sends, and which it leaves alone. */
export interface ReplayPlan {
  readonly send: readonly DeadLetter[];
  readonly skipped: readonly SkippedDeadLetter[];
}

export interface ReplayAllOptions {
  /** Also send dead letters that are themselves replays which failed again (default false). */
  readonly includeReplays?: boolean;
}

/**
 * Decides what replaying every dead letter of a topic sends, so that `--all` never replays a replay:
 *
 * - a dead letter already replayed (in the replay log) is skipped: its copy went back once, and
 *   whatever became of it is that copy's business (one can still be sent again by name, forced);
 * - a dead letter that is a replay which failed again is skipped unless `includeReplays`: the cause
 *   that failed it twice is likely still there, and someone should look first.
 */
export function planReplayAll(letters: readonly DeadLetter[], options: ReplayAllOptions = {}): ReplayPlan {
  const send: DeadLetter[] = [];
  const skipped: SkippedDeadLetter[] = [];
  for (const letter of letters) {
    const deadLetter = { topic: letter.topic, partition: letter.partition, offset: letter.offset };
    if (letter.replayed) {
      const { to, at } = letter.replayed;
      skipped.push({
        deadLetter,
        reason: 'already-replayed',
        message: `already replayed to ${to.topic}/${to.partition}/${to.offset} at ${at}`,
      });
    } else if (letter.replayOf && options.includeReplays !== true) {
      const of = letter.replayOf;
      skipped.push({
        deadLetter,
        reason: 'is-a-replay',
        message: `is replay ${of.count} of ${of.topic}/${of.partition}/${of.offset}, which failed again; include replays to send it`,
      });
    } else {
      send.push(letter);
    }
  }
  return { send, skipped };
}
