import type {
  ApiOperation,
  getHealth,
  getOpenApiDocument,
  getReadiness,
  listDeadLetters,
  replayDeadLetters,
} from '@saga/service-kit';
import type {
  getReservation,
  getStock,
  setStock,
} from '@saga/inventory-service/src/http/inventory-operations.ts';
import type {
  compensateSaga,
  getSaga,
  listSagas,
  retrySaga,
} from '@saga/orchestrator-service/src/http/saga-operations.ts';
import type {
  sagaPageSchema,
  sagaViewSchema,
} from '@saga/orchestrator-service/src/http/saga-view-schemas.ts';
import type {
  getOrder,
  listOrders,
  placeOrder,
  requestReturn,
} from '@saga/order-service/src/http/order-operations.ts';
import type {
  getAccount,
  getPayment,
  setBalance,
} from '@saga/payment-service/src/http/payment-operations.ts';
import type { z } from 'zod';
import type { ApiResponse } from './api-response.ts';
import type { CallOptions, PlatformClientOptions, ServiceKey } from './client-options.ts';
import type { AnswerOf, BodyOf, QueryOf } from './operation-types.ts';
import { sendRequest, type Request } from './send-request.ts';

type ListSagas = ReturnType<typeof listSagas>;
type Reply<O extends ApiOperation> = Promise<ApiResponse<AnswerOf<O>>>;

export interface PlaceOrderOptions extends CallOptions {
  /** Makes the request safe to retry: the same key and body answer the same order, never a second. */
  readonly idempotencyKey?: string;
}

/**
 * The platform's HTTP APIs, one method per operation, named by its operationId; request and answer
 * types are read off the operations' own zod schemas, so the client cannot drift from the routes.
 * Every method answers `{ status, headers, body }` for a 2xx, and throws PlatformApiError for an
 * error answer (status, code, message, details) and PlatformUnreachableError when none came.
 */
export interface PlatformClient {
  // order-service
  placeOrder(body: BodyOf<typeof placeOrder>, options?: PlaceOrderOptions): Reply<typeof placeOrder>;
  listOrders(query?: QueryOf<typeof listOrders>, options?: CallOptions): Reply<typeof listOrders>;
  getOrder(orderId: string, options?: CallOptions): Reply<typeof getOrder>;
  /** `POST /orders/:orderId/returns`: the return saga takes it from there; getOrder shows how it ends. */
  requestReturn(
    orderId: string,
    body: BodyOf<typeof requestReturn>,
    options?: PlaceOrderOptions,
  ): Reply<typeof requestReturn>;
  // orchestrator-service
  /** `GET /sagas`: a page of sagas (with a key in the query it answers one saga: getSagaOfOrder). */
  listSagas(
    query?: QueryOf<ListSagas>,
    options?: CallOptions,
  ): Promise<ApiResponse<z.output<typeof sagaPageSchema>>>;
  /** `GET /sagas?orderId=`: the order's saga (listSagas with the key). */
  getSagaOfOrder(
    orderId: string,
    options?: CallOptions,
  ): Promise<ApiResponse<z.output<typeof sagaViewSchema>>>;
  getSaga(sagaId: string, options?: CallOptions): Reply<typeof getSaga>;
  retrySaga(sagaId: string, options?: CallOptions): Reply<typeof retrySaga>;
  compensateSaga(
    sagaId: string,
    body: BodyOf<typeof compensateSaga>,
    options?: CallOptions,
  ): Reply<typeof compensateSaga>;
  // inventory-service
  setStock(sku: string, body: BodyOf<typeof setStock>, options?: CallOptions): Reply<typeof setStock>;
  getStock(sku: string, options?: CallOptions): Reply<typeof getStock>;
  getReservation(orderId: string, options?: CallOptions): Reply<typeof getReservation>;
  // payment-service
  getPayment(orderId: string, options?: CallOptions): Reply<typeof getPayment>;
  setBalance(
    customerId: string,
    body: BodyOf<typeof setBalance>,
    options?: CallOptions,
  ): Reply<typeof setBalance>;
  getAccount(customerId: string, options?: CallOptions): Reply<typeof getAccount>;
  // every service
  getHealth(service: ServiceKey, options?: CallOptions): Reply<typeof getHealth>;
  /** Answers 503 (not ready) too, with its body: readiness is what is asked, not an error. */
  getReadiness(service: ServiceKey, options?: CallOptions): Reply<typeof getReadiness>;
  getOpenApiDocument(service: ServiceKey, options?: CallOptions): Reply<typeof getOpenApiDocument>;
  listDeadLetters(
    service: ServiceKey,
    query?: QueryOf<typeof listDeadLetters>,
    options?: CallOptions,
  ): Reply<typeof listDeadLetters>;
  replayDeadLetters(
    service: ServiceKey,
    body: BodyOf<typeof replayDeadLetters>,
    options?: CallOptions,
  ): Reply<typeof replayDeadLetters>;
}

/** A client for the services at `options.urls`, sending `options.token` unless a call gives its own. */
export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const send = <T>(
    service: ServiceKey,
    method: Request['method'],
    path: string,
    call: CallOptions = {},
    extra: Pick<Request, 'body' | 'query' | 'headers' | 'answers'> = {},
  ) =>
    sendRequest<T>({
      method,
      url: `${options.urls[service]}${path}`,
      token: call.token ?? options.token,
      timeoutMs: call.timeoutMs ?? options.timeoutMs ?? 10_000,
      ...extra,
    });
  const segment = encodeURIComponent;
  return {
    placeOrder: (body, call = {}) =>
      send('order', 'POST', '/orders', call, {
        body,
        ...(call.idempotencyKey === undefined ? {} : { headers: { 'idempotency-key': call.idempotencyKey } }),
      }),
    listOrders: (query, call) => send('order', 'GET', '/orders', call, query ? { query } : {}),
    getOrder: (orderId, call) => send('order', 'GET', `/orders/${segment(orderId)}`, call),
    requestReturn: (orderId, body, call = {}) =>
      send('order', 'POST', `/orders/${segment(orderId)}/returns`, call, {
        body,
        ...(call.idempotencyKey === undefined ? {} : { headers: { 'idempotency-key': call.idempotencyKey } }),
      }),
    listSagas: (query, call) => send('orchestrator', 'GET', '/sagas', call, query ? { query } : {}),
    getSagaOfOrder: (orderId, call) => send('orchestrator', 'GET', '/sagas', call, { query: { orderId } }),
    getSaga: (sagaId, call) => send('orchestrator', 'GET', `/sagas/${segment(sagaId)}`, call),
    retrySaga: (sagaId, call) => send('orchestrator', 'POST', `/sagas/${segment(sagaId)}/retry`, call),
    compensateSaga: (sagaId, body, call) =>
      send('orchestrator', 'POST', `/sagas/${segment(sagaId)}/compensate`, call, { body }),
    setStock: (sku, body, call) => send('inventory', 'PUT', `/stock/${segment(sku)}`, call, { body }),
    getStock: (sku, call) => send('inventory', 'GET', `/stock/${segment(sku)}`, call),
    getReservation: (orderId, call) => send('inventory', 'GET', `/reservations/${segment(orderId)}`, call),
    getPayment: (orderId, call) => send('payment', 'GET', `/payments/${segment(orderId)}`, call),
    setBalance: (customerId, body, call) =>
      send('payment', 'PUT', `/accounts/${segment(customerId)}`, call, { body }),
    getAccount: (customerId, call) => send('payment', 'GET', `/accounts/${segment(customerId)}`, call),
    getHealth: (service, call) => send(service, 'GET', '/healthz', call),
    getReadiness: (service, call) => send(service, 'GET', '/readyz', call, { answers: [503] }),
    getOpenApiDocument: (service, call) => send(service, 'GET', '/openapi.json', call),
    listDeadLetters: (service, query, call) =>
      send(service, 'GET', '/dead-letters', call, query ? { query } : {}),
    replayDeadLetters: (service, body, call) => send(service, 'POST', '/dead-letters/replay', call, { body }),
  };
}
