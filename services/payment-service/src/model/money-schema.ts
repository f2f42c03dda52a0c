import mongoose from 'mongoose';
import type { Money } from '@saga/contracts';

/** Money as the contracts have it: an integer of minor units and its ISO 4217 currency. */
export const moneySchema = new mongoose.Schema<Money>(
  {
    amountMinor: { type: Number, required: true },
    currency: { type: String, required: true },
  },
  { _id: false, id: false },
);
