import { randomUUID } from 'node:crypto';
import type { ExpectedOutcome } from '../correctness/expected-outcome.ts';
import type { BenchPlatform, OrderBody } from './bench-platform.ts';

/**
 * The run's own customers and SKUs, stocked and funded so that every order the run places can be
 * confirmed: a run's outcome is then checkable (all CONFIRMED), and it shares no document with
 * anything else on the platform. Orders spread over several SKUs and customers, as a shop's do, so
 * the run measures the pipeline rather than one contended SKU document.
 */
export class BenchShop {
  readonly run = randomUUID().slice(0, 8);
  readonly skus: readonly string[];
  readonly customers: readonly string[];
  private next = 0;

  constructor(
    private readonly client: BenchPlatform,
    readonly orders: number,
    shape = { skus: 16, customers: 64 },
  ) {
    this.skus = Array.from({ length: shape.skus }, (_, i) => `BENCH-${this.run}-${i}`.toUpperCase());
    this.customers = Array.from({ length: shape.customers }, (_, i) => `bench-${this.run}-${i}`);
  }

  /** Every SKU's catalogue price, in euro cents: the shop's, set with the stock, never sent with an order. */
  static readonly unitPrice = 100;

  /** Stock and money for `orders` orders of one unit each, with room to spare. */
  async open(): Promise<void> {
    for (const sku of this.skus) {
      await this.client.api.setStock(
        sku,
        { available: this.orders + 10, price: BenchShop.unitPrice, currency: 'EUR' },
        this.client.admin,
      );
    }
    for (const customer of this.customers) {
      await this.client.api.setBalance(
        customer,
        { balance: (this.orders + 10) * BenchShop.unitPrice, currency: 'EUR' },
        this.client.admin,
      );
    }
  }

  /**
   * The next order's request, customers and SKUs taken in turn, and how it must end: every order of
   * the shop is stocked and funded (`open`), so CONFIRMED; none is placed to fail.
   */
  nextOrder(): {
    body: OrderBody;
    idempotencyKey: string;
    expected: ExpectedOutcome;
  } {
    const i = this.next++;
    return {
      expected: { status: 'CONFIRMED' },
      idempotencyKey: `bench-${this.run}-${i}`,
      body: {
        customerId: this.customers[i % this.customers.length] ?? '',
        currency: 'EUR',
        items: [{ sku: this.skus[i % this.skus.length] ?? '', quantity: 1 }],
      },
    };
  }
}
