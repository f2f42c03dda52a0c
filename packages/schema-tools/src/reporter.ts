/**
 * Where progress and reports go. Plain lines, no redraws: the output stays readable in CI logs,
 * and tests collect the lines to read what a person would.
 */
export interface Reporter {
  info(line: string): void;
}

export function consoleReporter(
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Reporter {
  return { info: write };
}

export const silentReporter: Reporter = { info() {} };
