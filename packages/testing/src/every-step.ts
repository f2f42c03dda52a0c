/**
 * Runs every step in order, also after one failed, then throws the first failure: taking a suite's
 * world away must not stop half-way, and a suite that leaves something behind must say so.
 */
export async function everyStep(steps: readonly (() => Promise<unknown>)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}
