import type { StoreUsageRule } from './store-usage-rules.ts';
import type { StoreUsage } from './find-store-usages.ts';

/**
 * A use of a forbidden store operation that is allowed anyway, and why. An entry matches by rule,
 * file and a piece of the line's code (not the line number, which moves with every edit above it).
 * Every entry must still match a use (static-guards.spec.ts checks), so none outlives its code.
 */
export interface AllowListEntry {
  readonly rule: StoreUsageRule;
  readonly file: string;
  /** A piece of the source line, e.g. `'refund.refundedAt'`. */
  readonly code: string;
  /** Why this use is right on every store the platform runs on, and which spec proves it. */
  readonly why: string;
  /** Set when the use is a known violation waiting for a fix: what should change. The guard passes, the report shows it. */
  readonly todo?: string;
}

export const allowList: readonly AllowListEntry[] = [
  {
    rule: 'duplicate-key-code',
    file: 'packages/service-kit/src/store/duplicate-key-error.ts',
    code: 'e?.code === 11000 || e?.code === 11001',
    why: 'The one place that recognises a duplicate key: it accepts 11000/11001 (MongoDB, and FerretDB on inserts) and also FerretDB’s code 1 of an update. Everything else calls isDuplicateKeyError.',
  },
  {
    rule: 'ne-through-array',
    file: 'services/payment-service/src/rules/refund-decision.ts',
    code: "'refund.refundedAt': mongoose.trusted({ $ne: null })",
    why: '`refund` is a single subdocument (payment.ts: `refund: { type: refundSchema, default: null }`), not an array, so there is no other element to make $ne match. Proven by lookups.spec.ts ("$ne: null through a path into a single subdocument").',
  },
];

/** The entry that allows `usage`, if any. */
export function isAllowed(usage: StoreUsage, entries: readonly AllowListEntry[] = allowList) {
  return entries.find(
    (entry) => entry.rule === usage.rule && entry.file === usage.file && usage.code.includes(entry.code),
  );
}
