import { HttpError } from '@saga/service-kit';

/** 404: no order has this id. */
export class OrderNotFoundError extends HttpError {
  constructor(readonly orderId: string) {
    super(404, 'ORDER_NOT_FOUND', `order ${orderId} does not exist`, { orderId });
  }
}
