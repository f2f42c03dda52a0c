/** Lets pending promise callbacks and I/O run once. */
export const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A task that records in `log` when it starts and ends, and finishes only when `open` is called. */
export function gate(log: string[], name: string) {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    task: async () => {
      log.push(`${name} start`);
      await opened;
      log.push(`${name} end`);
      return name;
    },
    open: () => {
      open();
    },
  };
}
