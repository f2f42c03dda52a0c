import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type mongoose from 'mongoose';
import type { Money, RefundPayment, RefundReturn, RequestPayment, TopicMessageMap } from '@saga/contracts';
import type { MessageContext } from '@saga/events';
import { createLogger } from '@saga/logging';
import {
  createAggregateRuntime,
  createSingleWriter,
  runService,
  type RunningService,
} from '@saga/service-kit';
import {
  createTestNamespace,
  testTokens,
  waitFor,
  type TestListener,
  type TestNamespace,
  type TestPublisher,
} from '@saga/testing';
import type { AccountDeps } from '../../src/ledger/apply-to-account.ts';
import { accountModel, type AccountModel } from '../../src/model/account.ts';
import { ledgerEntryModel } from '../../src/model/ledger-entry.ts';
import { paymentModel, type PaymentModel } from '../../src/model/payment.ts';
import { paymentService } from '../../src/service.ts';

const quiet = createLogger('payment-service-test', 'error');

export const eur = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' });

type ReplyTopic = 'payment.success' | 'payment.failed' | 'payment.refunded' | 'payment.return-refunded';
const replyTopics = [
  'payment.success',
  'payment.failed',
  'payment.refunded',
  'payment.return-refunded',
] as const satisfies readonly ReplyTopic[];

/** A reply the service published, as the saga receives it. */
export type Reply = {
  [T in ReplyTopic]: {
    readonly topic: T;
    readonly value: TopicMessageMap[T];
    readonly context: MessageContext;
  };
}[ReplyTopic];

/** A command the test published: what to find its reply by (the trace it started) and what it said. */
export interface Sent<V> {
  readonly id: string;
  readonly traceparent: string;
  readonly value: V;
}

const traceOf = (traceparent: string) => traceparent.split('-')[1];
const newTraceparent = () =>
  `00-${randomUUID().replaceAll('-', '')}-${randomUUID().replaceAll('-', '').slice(0, 16)}-01`;

/**
 * Everything a payment-service test needs, playing the saga's side, in a test namespace of the suite's
 * own: the service on its database and consumer group; a publisher of payment.request and
 * payment.refund; a listener (its own group) collecting the replies; HTTP; and direct access to the
 * service's database. The namespace's topics carry only this suite's orders, so the service runs its
 * real handlers on everything it receives.
 */
export class PaymentWorld {
  private namespace: TestNamespace | undefined;
  private dbNameOf: string | undefined;
  private service: RunningService | undefined;
  private publisher:
    TestPublisher<'payment.request' | 'payment.refund' | 'payment.refund-return'> | undefined;
  private listener: TestListener<ReplyTopic> | undefined;
  private connection: mongoose.Connection | undefined;

  /** @param suite names the suite's namespace, e.g. `payment-charging`. */
  constructor(private readonly suite: string) {}

  /** The service's database (known once `open` has run). */
  get dbName(): string {
    if (!this.dbNameOf) throw new Error('open() first');
    return this.dbNameOf;
  }

  /** Makes the namespace, connects the saga side and the database; the service starts with `startService` (seed the store first). */
  async open(): Promise<void> {
    const ns = await createTestNamespace(this.suite);
    this.namespace = ns;
    this.dbNameOf = ns.dbName('payment-service');
    this.connection = await ns.connectDatabase(this.dbNameOf);
    [this.publisher, this.listener] = await Promise.all([
      ns.publisher(['payment.request', 'payment.refund', 'payment.refund-return']),
      ns.listen(replyTopics),
    ]);
  }

  /** Starts the service as src/main.ts does (so on service-kit's single store connection). */
  async startService(): Promise<void> {
    if (!this.namespace) throw new Error('open() first');
    this.service = await runService(paymentService, {
      ...this.namespace.serviceOptions('payment-service'),
      dbName: this.dbName,
      logger: quiet,
      relayIntervalMs: 100,
    });
  }

  /** Stops the service and takes the namespace away: its topics, groups and database. */
  async close(): Promise<void> {
    await this.service?.stop();
    await this.namespace?.close();
  }

  /** A fresh order id (a uuid, as the contracts require). */
  newOrderId(): string {
    return randomUUID();
  }

  newCustomerId(): string {
    return `customer-${randomUUID()}`;
  }

  get accounts(): AccountModel {
    if (!this.connection) throw new Error('open() first');
    return accountModel(this.connection);
  }

  /**
   * The account operations on the test's own connection, through an aggregate runtime of the test's
   * (its own single writer; no relay, as accounts have no outbox), for tests that call them directly.
   */
  get ledger(): AccountDeps {
    if (!this.connection) throw new Error('open() first');
    return {
      accounts: this.accounts,
      ledgerEntries: ledgerEntryModel(this.connection),
      writer: this.writer,
      aggregates: this.aggregates,
      logger: quiet,
    };
  }

  private readonly writer = createSingleWriter();
  private readonly aggregates = createAggregateRuntime({
    writer: this.writer,
    relay: { nudge: () => undefined },
    logger: quiet,
  });

  get payments(): PaymentModel {
    if (!this.connection) throw new Error('open() first');
    return paymentModel(this.connection);
  }

  /** Publishes a payment.request as the orchestrator would; `id` and `traceparent` re-send an earlier one. */
  async requestPayment(
    request: Pick<RequestPayment, 'orderId' | 'customerId' | 'amount'> & Partial<RequestPayment>,
    resend?: Sent<RequestPayment>,
  ): Promise<Sent<RequestPayment>> {
    const value: RequestPayment = resend?.value ?? {
      sagaId: randomUUID(),
      requestedAt: new Date(),
      ...request,
    };
    return this.publish('payment.request', value, resend);
  }

  /** Publishes a payment.refund as the orchestrator would; `resend` re-sends an earlier one as it was. */
  async refund(
    command: Pick<RefundPayment, 'orderId' | 'paymentId' | 'amount'> & Partial<RefundPayment>,
    resend?: Sent<RefundPayment>,
  ): Promise<Sent<RefundPayment>> {
    const value: RefundPayment = resend?.value ?? {
      sagaId: randomUUID(),
      requestedAt: new Date(),
      ...command,
    };
    return this.publish('payment.refund', value, resend);
  }

  /** Publishes a payment.refund-return as the return saga would; `resend` re-sends an earlier one as it was. */
  async refundReturn(
    command: Pick<RefundReturn, 'orderId' | 'returnId' | 'amount'> & Partial<RefundReturn>,
    resend?: Sent<RefundReturn>,
  ): Promise<Sent<RefundReturn>> {
    const value: RefundReturn = resend?.value ?? {
      sagaId: randomUUID(),
      requestedAt: new Date(),
      ...command,
    };
    return this.publish('payment.refund-return', value, resend);
  }

  private async publish<T extends 'payment.request' | 'payment.refund' | 'payment.refund-return'>(
    topic: T,
    value: TopicMessageMap[T],
    resend?: Sent<TopicMessageMap[T]>,
  ): Promise<Sent<TopicMessageMap[T]>> {
    if (!this.publisher) throw new Error('open() first');
    const id = resend?.id ?? randomUUID();
    const traceparent = resend?.traceparent ?? newTraceparent();
    await this.publisher.publish(topic, value.orderId, value, { id, traceparent });
    return { id, traceparent, value };
  }

  /** Every reply received so far for the order, in arrival order (once per message id). */
  replies(orderId: string): Reply[] {
    return this.listener?.forKey(orderId) ?? [];
  }

  /** The reply to a command: the one in the trace the command started. */
  async replyTo(sent: Sent<{ orderId: string }>): Promise<Reply> {
    const find = () =>
      this.replies(sent.value.orderId).find(
        (r) => traceOf(r.context.traceparent) === traceOf(sent.traceparent),
      );
    await waitFor(`the reply to ${sent.id}`, () => find() !== undefined);
    return find() as Reply;
  }

  /** The first reply for an order (for replies nobody asked for in this run, such as the sweep's). */
  async firstReply(orderId: string): Promise<Reply> {
    await waitFor(`a reply for order ${orderId}`, () => this.replies(orderId).length > 0);
    return this.replies(orderId)[0] as Reply;
  }

  /** An HTTP call with the token the route needs (`token: null` sends none). */
  async http(
    method: 'GET' | 'PUT',
    path: string,
    body?: unknown,
    token: string | null = method === 'GET' ? testTokens.ops : testTokens.admin,
  ): Promise<{ status: number; body: unknown }> {
    if (!this.service) throw new Error('startService() first');
    const response = await fetch(`${this.service.url}${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }

  /** Creates or sets an account over HTTP, failing the test unless it worked. */
  async putAccount(
    customerId: string,
    body: { balance?: number; currency?: string; status?: 'OPEN' | 'CLOSED' },
  ): Promise<AccountBody> {
    const { status, body: account } = await this.http('PUT', `/accounts/${customerId}`, body);
    expect(status, JSON.stringify(account)).to.be.oneOf([200, 201]);
    return account as AccountBody;
  }

  async getAccount(customerId: string): Promise<AccountBody> {
    const { status, body } = await this.http('GET', `/accounts/${customerId}`);
    expect(status, JSON.stringify(body)).to.equal(200);
    return body as AccountBody;
  }

  async getPayment(orderId: string): Promise<PaymentBody> {
    const { status, body } = await this.http('GET', `/payments/${orderId}`);
    expect(status, JSON.stringify(body)).to.equal(200);
    return body as PaymentBody;
  }
}

/** `GET /accounts/:customerId`, as JSON. */
export interface AccountBody {
  customerId: string;
  balance: number;
  currency: string | null;
  totals: { funded: number; charged: number; refunded: number; returnRefunded: number };
  status: 'OPEN' | 'CLOSED';
  returnRefunds: { orderId: string; returnId: string; refundId: string; amountMinor: number; at: string }[];
  adjustments: { setTo: number; delta: number; at: string }[];
  charges: { orderId: string; paymentId: string; amountMinor: number; at: string }[];
  refunds: { orderId: string; refundId: string; amountMinor: number; at: string }[];
}

/** `GET /payments/:orderId`, as JSON. */
export interface PaymentBody {
  orderId: string;
  paymentId: string;
  sagaId: string;
  customerId?: string;
  status: string;
  amount: Money;
  reason?: string;
  detail?: string;
  requestedAt: string;
  paidAt?: string;
  failedAt?: string;
  refund?: { refundId: string; amount: Money; requestedAt: string; refundedAt?: string };
}

/**
 * Conservation, as anyone can check it from the API: the balance plus what was charged minus what was
 * refunded is what was funded (starting balance and top-ups), and each total is the sum of its ledger.
 */
export function expectConserved(account: AccountBody): void {
  const sum = (amounts: number[]) => amounts.reduce((a, b) => a + b, 0);
  expect(
    account.balance + account.totals.charged - account.totals.refunded - account.totals.returnRefunded,
  ).to.equal(account.totals.funded);
  expect(sum(account.returnRefunds.map((r) => r.amountMinor))).to.equal(account.totals.returnRefunded);
  expect(sum(account.adjustments.map((a) => a.delta))).to.equal(account.totals.funded);
  expect(sum(account.charges.map((c) => c.amountMinor))).to.equal(account.totals.charged);
  expect(sum(account.refunds.map((r) => r.amountMinor))).to.equal(account.totals.refunded);
}
