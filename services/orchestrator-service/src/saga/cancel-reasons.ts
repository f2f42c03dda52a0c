import type { CancelReason, InventoryFailureReason, PaymentFailureReason } from '@saga/contracts';

// Why a participant's failure cancels an order, as tables: a symbol added to a participant's enum
// does not compile until it is given a cancel reason here.

/** Inventory's reasons are all cancel reasons of the same name. */
export const cancelReasonOfInventory: Readonly<Record<InventoryFailureReason, CancelReason>> = {
  UNKNOWN: 'UNKNOWN',
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  SKU_NOT_FOUND: 'SKU_NOT_FOUND',
  PRICE_NOT_SET: 'PRICE_NOT_SET',
  CURRENCY_MISMATCH: 'CURRENCY_MISMATCH',
};

/**
 * The order API promises PAYMENT_DECLINED for a payment that was refused (insufficient funds
 * included; the payment record keeps the precise reason). An unknown customer is its own reason:
 * that is a different thing to fix.
 */
export const cancelReasonOfPayment: Readonly<Record<PaymentFailureReason, CancelReason>> = {
  UNKNOWN: 'PAYMENT_DECLINED',
  PAYMENT_DECLINED: 'PAYMENT_DECLINED',
  INSUFFICIENT_FUNDS: 'PAYMENT_DECLINED',
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
};
