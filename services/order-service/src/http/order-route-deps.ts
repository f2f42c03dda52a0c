import type { Config } from '@saga/config';
import type { Logger } from '@saga/logging';
import type { AggregateRuntime } from '@saga/service-kit';
import type { OrderModel } from '../model/order-model.ts';

/** What the order routes need, passed in: no route reaches for a connection of its own. */
export interface OrderRouteDeps {
  /** The bearer tokens: every order route needs one granting the `api` role. */
  readonly auth: Config['auth'];
  readonly orders: OrderModel;
  /** The one write path: a new order is inserted through it. */
  readonly aggregates: AggregateRuntime;
  readonly logger: Logger;
  readonly now?: () => Date;
}
