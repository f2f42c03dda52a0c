import { Writable } from 'node:stream';
import { expect } from 'chai';
import { pino } from 'pino';
import { loggerOptions, withTraceFields } from '../src/index.ts';

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino(loggerOptions('test', 'info'), stream), lines };
}

describe('trace fields on log lines (tracing off: no span is ever active)', () => {
  it('adds nothing outside traced work, and carries no field of one line over to the next', async () => {
    const { logger, lines } = memoryLogger();
    logger.info({ orderId: 'o-1' }, 'plain');
    await withTraceFields({ trace_id: '0af7651916cd43dd8448eb211c80319c' }, () => {
      logger.info({ sagaId: 's-1' }, 'traced');
      return Promise.resolve();
    });
    logger.info('next');
    await withTraceFields({ trace_id: '0af7651916cd43dd8448eb211c80319c' }, () => {
      logger.info('traced again');
      return Promise.resolve();
    });
    expect(lines[0]).to.not.have.any.keys('trace_id', 'span_id');
    expect(lines[2]).to.not.have.any.keys('orderId', 'sagaId', 'trace_id');
    expect(lines[3]).to.not.have.any.keys('orderId', 'sagaId');
  });

  it('names the trace of the work it runs in, across awaits, and only there', async () => {
    const { logger, lines } = memoryLogger();
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    await withTraceFields({ trace_id: traceId }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.info('inside');
    });
    logger.info('after');
    expect(lines.map((line) => line.trace_id)).to.deep.equal([traceId, undefined]);
  });
});
