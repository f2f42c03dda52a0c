/**
 * A quirk probe's measurement: which of the known outcomes this store showed. MongoDB's is the
 * correct one; FerretDB's are documented (INFRA.md) and measured. Anything else is a new behaviour,
 * and the probe fails so that someone looks at it before trusting the store.
 */
export interface KnownOutcomes<T> {
  /** MongoDB's outcome. */
  readonly correct: (measured: T) => boolean;
  /** FerretDB's documented wrong outcomes, by a name for the report. */
  readonly knownWrong: Readonly<Record<string, (measured: T) => boolean>>;
}

const found: string[] = [];

/** Which known outcome `measured` is ('correct' or a known wrong one's name); throws (failing the probe) on an unknown one. Logs and records it. */
export function classify<T>(quirk: string, measured: T, outcomes: KnownOutcomes<T>): string {
  const shown = JSON.stringify(measured);
  const wrong = Object.entries(outcomes.knownWrong).find(([, matches]) => matches(measured))?.[0];
  const outcome = outcomes.correct(measured) ? 'correct' : wrong;
  if (outcome === undefined) {
    throw new Error(`${quirk}: an outcome neither MongoDB's nor FerretDB's known wrong one: ${shown}`);
  }
  const line = `${quirk}: ${outcome === 'correct' ? 'correct (as MongoDB)' : `KNOWN WRONG: ${outcome}`} — measured ${shown}`;
  found.push(line);
  console.log(`      ↳ ${line}`);
  return outcome;
}

/** Every probe's finding so far, one line each. */
export function findings(): readonly string[] {
  return found;
}
