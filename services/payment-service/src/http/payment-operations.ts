import { defineOperation } from '@saga/service-kit';
import { balanceBody } from './balance-body.ts';
import { customerIdParams, orderIdParams } from './params.ts';
import { accountViewSchema, paymentViewSchema } from './payment-view-schemas.ts';

/** `GET /payments/:orderId`. */
export const getPayment = defineOperation({
  operationId: 'getPayment',
  method: 'get',
  path: '/payments/:orderId',
  summary: "An order's payment, its status and its refund",
  description: 'A customer sees only their own payments.',
  access: ['customer', 'admin', 'ops'],
  params: orderIdParams,
  responses: { 200: { description: 'The payment', body: paymentViewSchema } },
  errors: { 400: 'A malformed id', 404: "The order has no payment (or, to a customer, another customer's)" },
});

/** `PUT /accounts/:customerId`. */
export const setBalance = defineOperation({
  operationId: 'setBalance',
  method: 'put',
  path: '/accounts/:customerId',
  summary: "Set a customer's balance (creating the account), recorded as funding",
  access: ['admin'],
  params: customerIdParams,
  body: balanceBody,
  responses: {
    200: { description: 'The account as it is now', body: accountViewSchema },
    201: { description: 'The account, created', body: accountViewSchema },
  },
  errors: {
    400: 'VALIDATION_FAILED: a malformed id or body',
    409: 'Another currency than the account holds, or another process kept changing the account',
  },
});

/** `GET /accounts/:customerId`. */
export const getAccount = defineOperation({
  operationId: 'getAccount',
  method: 'get',
  path: '/accounts/:customerId',
  summary: 'An account and the ledger that explains its balance',
  description: 'A customer sees only their own account (403 for another).',
  access: ['customer', 'admin', 'ops'],
  params: customerIdParams,
  responses: { 200: { description: 'The account', body: accountViewSchema } },
  errors: {
    400: 'A malformed id',
    403: "A customer asked for another customer's account",
    404: 'No such account',
  },
});

/** The payment service's operations. */
export const paymentOperations = [getPayment, setBalance, getAccount] as const;
