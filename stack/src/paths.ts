import { join } from 'node:path';

/**
 * Layout of STACK_HOME. Caches (downloads and builds) are kept apart from data,
 * so that `stack:reset` wipes state without forcing a new download.
 */
export interface StackPaths {
  readonly home: string;
  readonly cache: string;
  readonly data: string;
  readonly logs: string;
  readonly run: string;
  dataOf(piece: string): string;
  logOf(piece: string): string;
  pidOf(piece: string): string;
}

export function stackPaths(home: string): StackPaths {
  return {
    home,
    cache: join(home, 'cache'),
    data: join(home, 'data'),
    logs: join(home, 'logs'),
    run: join(home, 'run'),
    dataOf: (piece) => join(home, 'data', piece),
    logOf: (piece) => join(home, 'logs', `${piece}.log`),
    pidOf: (piece) => join(home, 'run', `${piece}.json`),
  };
}
