import { context, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { expect } from 'chai';
import { startProducerSpan, withConsumerSpan } from '../src/messaging-spans.ts';
import { causeTraceparent, isTraceparent, spanContextOf } from '../src/trace-context.ts';

const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const otherTrace = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const traceOf = (traceparent: string) => traceparent.split('-')[1];
const spanOf = (traceparent: string) => traceparent.split('-')[2];
const consumed = (traceparent: string) => ({
  topic: 'payment.request',
  partition: 2,
  offset: '41',
  key: 'order-1',
  headers: { traceparent: Buffer.from(traceparent), ce_id: Buffer.from('message-1') },
  groupId: 'payment-service',
});

describe('messaging spans', () => {
  describe('with tracing off (no SDK registered)', () => {
    it('sends a new span id in the cause’s trace', () => {
      const producer = startProducerSpan(parent, { topic: 'order.created', key: 'o', id: 'm' });
      producer.end();
      expect(isTraceparent(producer.traceparent)).to.equal(true);
      expect(traceOf(producer.traceparent)).to.equal(traceOf(parent));
      expect(spanOf(producer.traceparent)).to.not.equal(spanOf(parent));
    });

    it('stores the message that caused a write as its cause, or a new trace when nothing did', async () => {
      expect(causeTraceparent(parent)).to.equal(parent);
      expect(isTraceparent(causeTraceparent())).to.equal(true);
      expect(causeTraceparent('garbage')).to.not.equal('garbage');
      await withConsumerSpan(consumed(parent), () => {
        expect(causeTraceparent(parent)).to.equal(parent);
        return Promise.resolve('handled' as const);
      });
    });
  });

  describe('with tracing on', () => {
    const exporter = new InMemorySpanExporter();
    const contextManager = new AsyncLocalStorageContextManager();
    const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    const finished = async () => {
      await provider.forceFlush();
      return exporter.getFinishedSpans();
    };
    before(() => {
      context.setGlobalContextManager(contextManager.enable());
      trace.setGlobalTracerProvider(provider);
    });
    after(() => {
      trace.disable();
      context.disable();
    });
    beforeEach(() => {
      exporter.reset();
    });

    it('publishes in a PRODUCER span, child of the stored cause, whose context the message carries', async () => {
      const producer = startProducerSpan(parent, { topic: 'order.created', key: 'order-1', id: 'event-1' });
      producer.end();
      const [span] = await finished();
      expect(span?.kind).to.equal(SpanKind.PRODUCER);
      expect(span?.name).to.equal('publish order.created');
      expect(span?.parentSpanContext?.spanId).to.equal(spanOf(parent));
      expect(span?.spanContext().traceId).to.equal(traceOf(parent));
      expect(producer.traceparent).to.equal(
        `00-${span?.spanContext().traceId}-${span?.spanContext().spanId}-01`,
      );
      expect(span?.attributes).to.include({
        'messaging.system': 'kafka',
        'messaging.operation.type': 'publish',
        'messaging.destination.name': 'order.created',
        'messaging.message.id': 'event-1',
        'messaging.kafka.message.key': 'order-1',
      });
    });

    it('handles a message in a CONSUMER span, child of its traceparent, active for the handler', async () => {
      let caused = '';
      await withConsumerSpan(consumed(parent), () => {
        caused = causeTraceparent(parent);
        return Promise.resolve('handled' as const);
      });
      const [span] = await finished();
      expect(span?.kind).to.equal(SpanKind.CONSUMER);
      expect(span?.parentSpanContext?.spanId).to.equal(spanOf(parent));
      expect(span?.attributes).to.include({
        'messaging.operation.type': 'process',
        'messaging.destination.name': 'payment.request',
        'messaging.kafka.destination.partition': 2,
        'messaging.kafka.offset': 41,
        'messaging.consumer.group.name': 'payment-service',
        'messaging.message.id': 'message-1',
      });
      expect(caused, 'a write in the handler is caused by the CONSUMER span').to.equal(
        `00-${traceOf(parent)}-${span?.spanContext().spanId}-01`,
      );
    });

    it('keeps an order’s stored trace when the write acts for another trace than the active span’s', async () => {
      await withConsumerSpan(consumed(parent), () => {
        expect(causeTraceparent(otherTrace)).to.equal(otherTrace);
        return Promise.resolve('handled' as const);
      });
    });

    it('marks the span of a dead-lettered message as an error', async () => {
      await withConsumerSpan(consumed(parent), () => Promise.resolve('dead-lettered' as const));
      expect((await finished())[0]?.status.code).to.equal(2);
      expect(spanContextOf(parent)?.isRemote).to.equal(true);
    });
  });
});
