/** How many units of one SKU a reservation holds: one line per SKU, whatever the order's lines were. */
export interface ReservationLine {
  readonly sku: string;
  readonly quantity: number;
}
