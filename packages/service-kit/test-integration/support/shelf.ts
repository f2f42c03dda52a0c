import mongoose from 'mongoose';
import { testDatabase } from './stack.ts';

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

export const hold = (orderId: string, quantity = 1): Hold => ({ orderId, quantity });

/** Shelves in a database of the test's own; `drop` removes it. Call from a `before` hook. */
export async function shelves(): Promise<{
  Shelf: ReturnType<typeof shelfModel>;
  drop: () => Promise<void>;
}> {
  const database = await testDatabase();
  const Shelf = shelfModel(database.db);
  await Shelf.init();
  return { Shelf, drop: () => database.drop() };
}
