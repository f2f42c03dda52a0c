import { Writable } from 'node:stream';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { expect } from 'chai';
import { pino } from 'pino';
import { loggerOptions } from '@saga/logging';
import { createHttpApp, createReadiness } from '../src/index.ts';
import { serve } from './support/serve.ts';

describe('request tracing', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const finished = async () => {
    await provider.forceFlush();
    return exporter.getFinishedSpans();
  };
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  let server: Awaited<ReturnType<typeof serve>>;

  before(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
    const app = createHttpApp({
      // The platform's own logger options: its mixin puts the active span's ids on every line.
      logger: pino(loggerOptions('test', 'info'), stream),
      readiness: createReadiness({ probes: {}, cacheMs: 0 }),
      routes: (router) => {
        router.get('/orders/:orderId', (ctx) => {
          ctx.body = { orderId: ctx.params.orderId };
        });
      },
    });
    server = await serve(app);
  });
  after(async () => {
    await server.close();
    trace.disable();
    context.disable();
  });
  beforeEach(() => {
    exporter.reset();
    lines.length = 0;
  });

  it('handles a request in a SERVER span named by its route, continuing the caller’s traceparent', async () => {
    const caller = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const response = await fetch(`${server.url}/orders/o-1?x=1`, { headers: { traceparent: caller } });
    expect(response.status).to.equal(200);

    const [span] = await finished();
    expect(span?.kind).to.equal(SpanKind.SERVER);
    expect(span?.name).to.equal('GET /orders/:orderId');
    expect(span?.spanContext().traceId).to.equal('0af7651916cd43dd8448eb211c80319c');
    expect(span?.parentSpanContext?.spanId).to.equal('b7ad6b7169203331');
    expect(span?.attributes).to.include({
      'http.request.method': 'GET',
      'http.route': '/orders/:orderId',
      'url.path': '/orders/o-1',
      'http.response.status_code': 200,
    });
    const logged = lines.find((line) => line.msg === 'request');
    expect(logged, 'the request’s log line names its span').to.include({
      trace_id: span?.spanContext().traceId,
      span_id: span?.spanContext().spanId,
    });
  });

  it('starts a new trace for a request without a valid traceparent', async () => {
    await fetch(`${server.url}/orders/o-2`, { headers: { traceparent: 'not-a-traceparent' } });
    const [span] = await finished();
    expect(span?.parentSpanContext).to.equal(undefined);
    expect(span?.attributes['http.response.status_code']).to.equal(200);
  });

  it('leaves probes untraced', async () => {
    await (await fetch(`${server.url}/healthz`)).text();
    expect(await finished()).to.deep.equal([]);
  });
});
