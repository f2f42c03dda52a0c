import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { repoRoot } from '@saga/config';
import { topicSamples } from '@saga/contracts/testing';
import { bearer, customerToken, testTokens, waitFor } from '@saga/testing';
import { launchHeadlessChromium, type HeadlessChromium } from './support/headless-chromium.ts';
import { startConsolePlatform, type ConsolePlatform } from './support/console-platform.ts';

const screenshots = join(repoRoot, 'docs', 'images');

/**
 * The operator console in a real browser (Debian's headless Chromium driven by playwright-core),
 * against the four services and the console running in-process in a namespace of their own on the
 * real Kafka, registry and store: an operator logs in, finds an order's saga and reads its timeline,
 * retries a saga that needs attention, and replays a dead letter. Each page it visits is kept as a
 * screenshot in docs/images for the README and docs/observability.md.
 */
describe('console: the operator console in a browser', function () {
  this.timeout(180_000);
  let platform: ConsolePlatform;
  let chromium: HeadlessChromium;
  let page: Page;
  /** Everything the page's console said about its Content-Security-Policy: must stay empty. */
  const policyViolations: string[] = [];

  before(async () => {
    [platform, chromium] = await Promise.all([
      startConsolePlatform('console-browser'),
      launchHeadlessChromium(),
    ]);
    await mkdir(screenshots, { recursive: true });
    page = await chromium.context.newPage();
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) policyViolations.push(message.text());
    });
  });
  after(async () => {
    await chromium.close();
    await platform.close();
  });
  afterEach(() => {
    expect(policyViolations, 'Content-Security-Policy violations').to.deep.equal([]);
  });

  const shoot = (name: string) =>
    page.screenshot({ path: join(screenshots, `console-${name}.png`), fullPage: true });

  async function call(url: string, init: { method?: string; body?: unknown; token?: string } = {}) {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        ...bearer(init.token ?? testTokens.admin),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function logIn(token: string) {
    await page.goto(`${platform.console.url}/#/login`);
    await page.getByLabel('Token').fill(token);
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  it('refuses a customer token with the reason, and lets an admin in', async () => {
    await logIn(await customerToken('customer-at-the-console'));
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).to.contain('the console is for operators');
    await shoot('login');

    await logIn(testTokens.admin);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.locator('header.top .who').textContent()).to.contain('admin');
  });

  it("finds a just-placed order's saga and shows each step and message of its timeline", async () => {
    const { order, orchestrator, inventory, payment } = platform.services;
    const sku = `SKU-${randomUUID().slice(0, 8).toUpperCase()}`;
    const customerId = `customer-${randomUUID()}`;
    const stock = await call(`${inventory.url}/stock/${sku}`, {
      method: 'PUT',
      body: { available: 10, price: 1000, currency: 'EUR' },
    });
    expect(stock.status, JSON.stringify(stock.body)).to.be.oneOf([200, 201]);
    const account = await call(`${payment.url}/accounts/${customerId}`, {
      method: 'PUT',
      body: { balance: 100_000, currency: 'EUR' },
    });
    expect(account.status, JSON.stringify(account.body)).to.be.oneOf([200, 201]);
    const placed = await call(`${order.url}/orders`, {
      method: 'POST',
      body: { customerId, currency: 'EUR', items: [{ sku, quantity: 2 }] },
      token: await customerToken(customerId),
    });
    expect(placed.status, JSON.stringify(placed.body)).to.be.oneOf([200, 201, 202]);
    const orderId = String(placed.body.orderId);
    await waitFor(
      `order ${orderId} confirmed`,
      async () => (await call(`${order.url}/orders/${orderId}`)).body.status === 'CONFIRMED',
    );
    const saga = await call(`${orchestrator.url}/sagas?orderId=${orderId}`);
    await waitFor(
      `saga of ${orderId} completed`,
      async () => (await call(`${orchestrator.url}/sagas?orderId=${orderId}`)).body.status === 'COMPLETED',
    );

    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByLabel('Order id', { exact: true }).fill(orderId);
    await page.getByRole('button', { name: 'Find order' }).click();
    await page.locator('table.orders').getByText('CONFIRMED').waitFor();
    await page.getByRole('button', { name: 'Open saga' }).click();

    await page.getByRole('heading', { name: `Saga ${String(saga.body.sagaId)}` }).waitFor();
    await page.locator('h1 .badge', { hasText: 'COMPLETED' }).waitFor();
    const steps = page.locator('table.steps tbody tr');
    expect(await steps.count()).to.equal(3);
    for (const step of ['reserveInventory', 'processPayment', 'commitInventory']) {
      expect(await steps.filter({ hasText: step }).textContent(), step).to.contain('SUCCEEDED');
    }
    const history = page.getByRole('list', { name: 'Saga history' });
    for (const [kind, topic] of [
      ['SENT', 'inventory.reserve'],
      ['RECEIVED', 'inventory.reserved'],
      ['SENT', 'payment.request'],
      ['RECEIVED', 'payment.success'],
      ['SENT', 'order.confirm'],
      ['RECEIVED', 'order.confirmed'],
    ] as const) {
      expect(
        await history.locator('li', { hasText: kind }).filter({ hasText: topic }).count(),
        `${kind} ${topic}`,
      ).to.be.above(0);
    }
    await shoot('saga-timeline');
  });

  it('lists the sagas that need attention, and retries one', async () => {
    const { orchestrator } = platform.services;
    // An order the order-service never took: its stock fails, and the cancel that follows is never acknowledged.
    const orderId = randomUUID();
    const publisher = await platform.ns.publisher(['order.created']);
    await publisher.publish('order.created', orderId, { ...topicSamples['order.created'], orderId });
    await waitFor(
      `saga of ${orderId} needs attention`,
      async () =>
        (await call(`${orchestrator.url}/sagas?orderId=${orderId}`)).body.status === 'NEEDS_ATTENTION',
      60_000,
    );
    const { sagaId } = (await call(`${orchestrator.url}/sagas?orderId=${orderId}`)).body as {
      sagaId: string;
    };

    await page.getByRole('link', { name: 'Sagas' }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('NEEDS_ATTENTION');
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.locator('table.sagas tbody tr', { hasText: orderId });
    await row.waitFor();
    expect(await row.textContent()).to.contain('NEEDS_ATTENTION');
    await shoot('sagas');

    await row.getByRole('link', { name: sagaId.slice(0, 8) }).click();
    await page.getByRole('region', { name: 'Needs attention' }).waitFor();
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByText('Retry: done.').waitFor();
    await page.locator('h1 .badge', { hasText: 'CANCELLING' }).waitFor();
    expect(
      await page.getByRole('list', { name: 'Saga history' }).locator('li', { hasText: 'RETRY' }).count(),
    ).to.equal(1);
    const retried = await call(`${orchestrator.url}/sagas/${sagaId}`);
    expect((retried.body.history as { direction: string }[]).some((e) => e.direction === 'RETRY')).to.equal(
      true,
    );
  });

  it('shows a dead letter with its error and headers, and replays it', async () => {
    const { order } = platform.services;
    const producer = await platform.ns.kafka.producer();
    const source = `/tests/console-${randomUUID()}`;
    try {
      await producer.send(platform.ns.physicalTopic('order.confirm'), [
        {
          key: randomUUID(),
          value: Buffer.from('definitely not avro'),
          headers: {
            ce_id: randomUUID(),
            ce_type: 'io.saga.test.Poison',
            ce_source: source,
            ce_time: new Date().toISOString(),
            ce_specversion: '1.0',
          },
        },
      ]);
    } finally {
      await producer.disconnect();
    }
    await waitFor('the poison dead-lettered', async () => {
      const listed = await call(`${order.url}/dead-letters?topic=order.confirm`);
      return (listed.body.deadLetters as unknown[]).length > 0;
    });

    await page.getByRole('link', { name: 'Dead letters' }).click();
    await page.getByLabel('Topic', { exact: true }).selectOption('order.confirm');
    await page.getByRole('button', { name: 'Show dead letters' }).click();
    const letter = page.locator('article.dead-letter', { hasText: source });
    await letter.waitFor();
    expect(await letter.textContent()).to.contain('MESSAGE_UNDECODABLE');
    expect(await letter.locator('table').textContent()).to.contain('ce_type');
    await shoot('dead-letters');

    await letter.getByRole('button', { name: 'Replay' }).click();
    const outcome = page.getByRole('status').filter({ hasText: 'sent back to' });
    await outcome.waitFor();
    expect(await outcome.textContent()).to.match(/sent back to \S*order\.confirm partition \d+ offset \d+/);
  });

  it('shows an overview of every service from its metrics', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    const rows = page.locator('table.services tbody tr');
    await waitFor('four services on the overview', async () => (await rows.count()) === 4);
    for (const service of ['order', 'orchestrator', 'inventory', 'payment']) {
      expect(await rows.filter({ hasText: service }).count(), service).to.equal(1);
    }
    await shoot('overview');
  });
});
