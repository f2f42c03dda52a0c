import type mongoose from 'mongoose';
import { findCurrent } from '@saga/service-kit';
import type { OrderDocument } from '../../src/model/order-document.ts';
import { finishedOrdersCollection, type OrderModel } from '../../src/model/order-model.ts';

type Orders = mongoose.mongo.Collection<OrderDocument>;
type Filter = mongoose.mongo.Filter<OrderDocument>;

/**
 * What a service stored, wherever it is: in the hot collection, or in the archive once settled and sent
 * (order-model.ts). Read through the driver, so a test's filter is taken as written.
 */
export interface StoredOrders {
  /** The order with this id, hot or archived, or null; `projection` is MongoDB's, applied in both. */
  find(orderId: string, projection?: Readonly<Record<string, 0 | 1>>): Promise<OrderDocument | null>;
  /** How many orders match, each once: one caught in both collections while it moves counts once. */
  count(filter?: Filter): Promise<number>;
  /** The hot collection, which the write path reads. */
  readonly hot: Orders;
  /** The settled orders' archive, `orders_finished`. */
  readonly archive: Orders;
}

export function storedOrders(orders: OrderModel): StoredOrders {
  const hot = orders.collection as unknown as Orders;
  const archive = orders.db.collection<OrderDocument>(finishedOrdersCollection) as unknown as Orders;
  const idsIn = async (collection: Orders, filter: Filter) =>
    (await collection.find(filter, { projection: { _id: 1 } }).toArray()).map((order) => order._id);
  return {
    hot,
    archive,
    find: (orderId, projection) => findCurrent<OrderDocument>(orders, orderId, projection),
    async count(filter = {}) {
      // The hot collection first: a move copies, then deletes, so an order moving meanwhile is seen.
      const ids = await idsIn(hot, filter);
      return new Set([...ids, ...(await idsIn(archive, filter))]).size;
    },
  };
}
