import mongoose from 'mongoose';
import type { TestStore } from '@saga/testing';

/** An order's hold on a shelf: the array-of-subdocuments shape the platform's guards look into. */
export interface Hold {
  orderId: string;
  quantity: number;
}

const shelfSchema = new mongoose.Schema({
  _id: String,
  reserved: { type: Number, default: 0 },
  holds: { type: [new mongoose.Schema<Hold>({ orderId: String, quantity: Number }, { _id: false })] },
});

const shelfModel = (db: mongoose.Connection) => db.model('Shelf', shelfSchema);
export type ShelfModel = ReturnType<typeof shelfModel>;

export const hold = (orderId: string, quantity = 1): Hold => ({ orderId, quantity });

/** Shelves in a database of the suite's store (closing the store drops it). Call from a `before` hook. */
export async function shelves(store: TestStore): Promise<ShelfModel> {
  const Shelf = shelfModel(await store.connectDatabase(store.dbName('shelves')));
  await Shelf.init();
  return Shelf;
}
