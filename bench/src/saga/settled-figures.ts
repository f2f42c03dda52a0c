import { percentiles } from '../stats/percentiles.ts';
import type { OrderSummary } from './bench-platform.ts';

/** What a set of settled orders says: how many ended how, how fast, and how long each took. */
export interface SettledFigures {
  readonly orders: number;
  readonly confirmed: number;
  readonly cancelled: number;
  readonly pending: number;
  /** Orders ended per second, from the first order stored to the last one ended. */
  readonly sagasPerSecond: number;
  /** Per order, stored (createdAt) to ended (updatedAt), in ms. */
  readonly latencyMs: ReturnType<typeof percentiles>;
  readonly spanMs: number;
}

export function settledFigures(orders: readonly OrderSummary[]): SettledFigures {
  const ended = orders.filter((order) => order.status !== 'PENDING');
  const created = orders.map((order) => Date.parse(order.createdAt));
  const finished = ended.map((order) => Date.parse(order.updatedAt));
  const spanMs = ended.length === 0 ? 0 : Math.max(...finished) - Math.min(...created);
  return {
    orders: orders.length,
    confirmed: orders.filter((order) => order.status === 'CONFIRMED').length,
    cancelled: orders.filter((order) => order.status === 'CANCELLED').length,
    pending: orders.length - ended.length,
    sagasPerSecond: spanMs > 0 ? (ended.length * 1_000) / spanMs : 0,
    latencyMs: percentiles(ended.map((order) => Date.parse(order.updatedAt) - Date.parse(order.createdAt))),
    spanMs,
  };
}
