/**
 * Polls `condition` every 50 ms until it holds; fails naming `what` after `timeoutMs`. The default is
 * generous: the broker and the store are shared with every other suite running at the same time.
 */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Lets a little time pass, for checks that something did *not* happen. */
export function settle(ms = 1500): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
