import { readFile } from 'node:fs/promises';
import type { Piece, PieceContext } from '../pieces/piece.ts';
import { StackError } from '../stack-error.ts';

/**
 * Polls the piece's probe until it answers, the timeout passes, or its process dies.
 * A dead process fails at once with the tail of its log, rather than waiting out the timeout.
 */
export async function waitUntilReady(
  piece: Piece,
  ctx: PieceContext,
  isRunning: () => boolean = () => true,
): Promise<string> {
  const started = Date.now();
  let last = '';
  let lastReport = started;
  while (Date.now() - started < piece.readyTimeoutMs) {
    const result = await piece.probe(ctx.config);
    if (result.ok) return result.detail;
    last = result.detail;
    if (!isRunning()) {
      throw new StackError(
        'PROCESS_EXITED',
        `${piece.title} exited while starting. Last log lines: ${await logTail(ctx.paths.logOf(piece.name))}`,
        `read ${ctx.paths.logOf(piece.name)} for the cause`,
      );
    }
    if (Date.now() - lastReport > 10_000) {
      ctx.reporter.info(piece.name, `waiting to be ready… ${Math.round((Date.now() - started) / 1000)}s`);
      lastReport = Date.now();
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const where = piece.isExternal(ctx.config)
    ? `check ${piece.variable ?? 'its variable'} (${piece.address(ctx.config)}) points at a running ${piece.title}`
    : `read ${ctx.paths.logOf(piece.name)} for the cause`;
  throw new StackError(
    'NOT_READY',
    `${piece.title} did not become ready within ${piece.readyTimeoutMs / 1000}s (last probe: ${last})`,
    where,
  );
}

export async function logTail(file: string, lines = 5): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim().split('\n').slice(-lines).join(' | ');
  } catch {
    return '(no log)';
  }
}
