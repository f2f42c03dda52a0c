import type { SubjectSchema } from '../src/index.ts';

/** Small builders so that each test shows only the schema parts it is about. */
export function record(name: string, fields: readonly object[], extra: object = {}): object {
  return { type: 'record', name, namespace: 'io.saga.test', fields, ...extra };
}

export function field(name: string, type: unknown, extra: object = {}): object {
  return { name, type, ...extra };
}

export function enumOf(name: string, symbols: readonly string[], extra: object = {}): object {
  return { type: 'enum', name, symbols, ...extra };
}

export function subjectSchema(topic: string, schema: unknown): SubjectSchema {
  return { topic, subject: `${topic}-value`, schema };
}

/** An order event in two shapes, used wherever a test needs "some realistic schema". */
export const orderCreated = record('OrderCreated', [
  field('orderId', 'string'),
  field('items', {
    type: 'array',
    items: record('OrderItem', [field('sku', 'string'), field('quantity', 'int')]),
  }),
  field('placedAt', { type: 'long', logicalType: 'timestamp-millis' }),
]);
