import type { Arrays } from '../fixtures/Arrays.expected.ts';
import type { EnumWithDefault } from '../fixtures/EnumWithDefault.expected.ts';
import type { Fixed } from '../fixtures/Fixed.expected.ts';
import type { LogicalTypes } from '../fixtures/LogicalTypes.expected.ts';
import type { Maps } from '../fixtures/Maps.expected.ts';
import type { MultiBranchUnion } from '../fixtures/MultiBranchUnion.expected.ts';
import type { NamedTypeReuse } from '../fixtures/NamedTypeReuse.expected.ts';
import type { NestedRecord } from '../fixtures/NestedRecord.expected.ts';
import type { NullableUnionWithDefault } from '../fixtures/NullableUnionWithDefault.expected.ts';
import type { Primitives } from '../fixtures/Primitives.expected.ts';
import type { RecordWithDoc } from '../fixtures/RecordWithDoc.expected.ts';
import type { RecursiveRecord } from '../fixtures/RecursiveRecord.expected.ts';

const home = { street: '1 Main St', country: 'NL' } as const;

/**
 * Values typed by each fixture's golden snapshot, one per branch worth telling apart. They must
 * compile against the generated types, and avsc (with the platform options) must encode them and
 * decode them back unchanged: together, that is the generated types agreeing with avsc.
 */
export const fixtureValues = {
  Primitives: [
    {
      nothing: null,
      flag: true,
      count: -7,
      total: 2 ** 40,
      ratio: 0.5,
      precise: Math.PI,
      blob: Buffer.from([0, 1, 254]),
      text: 'é ✓',
    },
  ] satisfies Primitives[],
  RecordWithDoc: [{ documented: 'a', undocumented: 'b', defaulted: 42 }] satisfies RecordWithDoc[],
  NestedRecord: [
    {
      customer: { name: 'Ada', address: { city: 'London' } },
      billingAddress: { city: 'Paris' },
    },
  ] satisfies NestedRecord[],
  EnumWithDefault: [{ status: 'CLOSED', suit: 'SPADES' }] satisfies EnumWithDefault[],
  Arrays: [
    { tags: [], points: [], gaps: [], grid: [] },
    { tags: ['x', 'y'], points: [{ x: 1, y: 2 }], gaps: [1, null, 3], grid: [[{ x: 0, y: 0 }], []] },
  ] satisfies Arrays[],
  Maps: [
    {
      labels: { a: 'A' },
      stock: { sku1: { quantity: 3 } },
      history: { k: [1, 2 ** 40] },
      optional: { set: 1.5, unset: null },
    },
  ] satisfies Maps[],
  NullableUnionWithDefault: [
    { note: null, contact: null, nullLast: null },
    { note: 'hi', contact: { email: 'a@example.com' }, nullLast: 'x' },
  ] satisfies NullableUnionWithDefault[],
  MultiBranchUnion: [
    { method: null, amount: { int: 1 }, value: null, shape: { map: { r: 1 } } },
    {
      method: { 'io.saga.fixtures.Card': { last4: '4242' } },
      amount: { long: 2 ** 40 },
      value: 'text',
      shape: { 'io.saga.fixtures.Circle': { radius: 2 } },
    },
    {
      method: { 'io.saga.fixtures.Wallet': { provider: 'acme' } },
      amount: { int: 2 },
      value: 2.5,
      shape: { map: {} },
    },
    { method: null, amount: { int: 3 }, value: true, shape: { map: {} } },
  ] satisfies MultiBranchUnion[],
  LogicalTypes: [
    {
      id: '0b0e5a7c-3f1d-4c1e-9a51-7f3c2d1e0a9b',
      at: new Date('2024-05-06T07:08:09.123Z'),
      until: null,
      history: [],
      notAUuid: 7,
      unknownLogical: Buffer.from([1, 2]),
    },
    {
      id: '00000000-0000-0000-0000-000000000000',
      at: new Date(0),
      until: new Date(-1),
      history: [new Date(1), new Date(2)],
      notAUuid: -1,
      unknownLogical: Buffer.alloc(0),
    },
  ] satisfies LogicalTypes[],
  NamedTypeReuse: [
    { shipTo: home, billTo: { ...home, country: 'OTHER' }, previous: [home], origin: 'DE' },
  ] satisfies NamedTypeReuse[],
  Fixed: [
    { digest: Buffer.alloc(16, 1), previousDigest: null },
    { digest: Buffer.alloc(16, 2), previousDigest: Buffer.alloc(16, 3) },
  ] satisfies Fixed[],
  RecursiveRecord: [
    { value: 1, next: null },
    { value: 1, next: { value: 2, next: { value: 3, next: null } } },
  ] satisfies RecursiveRecord[],
};
