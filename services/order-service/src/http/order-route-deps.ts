import type { Config } from '@saga/config';
import type { Logger } from '@saga/logging';
import type { OutboxRelay, SingleWriter } from '@saga/service-kit';
import type { OrderModel } from '../model/order-model.ts';

/** What the order routes need, passed in: no route reaches for a connection of its own. */
export interface OrderRouteDeps {
  /** The bearer tokens: every order route needs one granting the `api` role. */
  readonly auth: Config['auth'];
  readonly orders: OrderModel;
  /** The service's single writer: a new order is inserted as its own writer. */
  readonly writer: SingleWriter;
  /** Nudged after an insert that filled an outbox, so order.created goes out now, not at the next poll. */
  readonly relay: Pick<OutboxRelay, 'nudge'>;
  readonly logger: Logger;
  readonly now?: () => Date;
}
