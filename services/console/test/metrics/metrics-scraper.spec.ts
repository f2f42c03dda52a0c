import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { freePort, memoryLogger } from '@saga/testing';
import { MetricWindow } from '../../src/metrics/metric-window.ts';
import { startMetricsScraper } from '../../src/metrics/metrics-scraper.ts';

describe('startMetricsScraper', () => {
  it('reads each service’s /metrics with the ops token into the window, and marks the ones it cannot read', async () => {
    const authorizations: (string | undefined)[] = [];
    const server = createServer((request, response) => {
      authorizations.push(request.headers.authorization);
      if (request.url !== '/metrics') {
        response.writeHead(404).end();
      } else if (request.headers.authorization !== 'Bearer ops-token-for-the-console') {
        response.writeHead(401).end('{"error":{"code":"UNAUTHORIZED"}}');
      } else {
        response.writeHead(200, { 'content-type': 'text/plain' }).end('saga_started_total 7\n');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const up = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const down = `http://127.0.0.1:${await freePort()}`;
    const garbled = createServer((_request, response) => response.end('this is not { the text format\n'));
    await new Promise<void>((resolve) => garbled.listen(0, '127.0.0.1', resolve));
    const window = new MetricWindow(60_000);
    const { logger, lines } = memoryLogger();
    const scraper = startMetricsScraper({
      urls: {
        order: up,
        orchestrator: up,
        inventory: down,
        payment: `http://127.0.0.1:${(garbled.address() as AddressInfo).port}`,
      },
      window,
      token: 'ops-token-for-the-console',
      everyMs: 60_000,
      logger,
    });
    try {
      await scraper.scrapeOnce();
      await scraper.scrapeOnce();
      expect(window.scrapes('order').at(-1)?.samples).to.deep.equal([
        { name: 'saga_started_total', labels: {}, value: 7 },
      ]);
      expect(window.outcome('order')?.ok).to.equal(true);
      expect(window.outcome('inventory')).to.deep.include({ ok: false });
      expect(window.outcome('inventory')?.error).to.contain('ECONNREFUSED');
      expect(window.outcome('payment')?.error).to.contain('metrics line 1:');
      expect(authorizations.every((a) => a === 'Bearer ops-token-for-the-console')).to.equal(true);
      // Once per failing service, not once per scrape.
      expect(lines.filter((e) => e.msg === 'cannot read metrics').map((e) => e.service)).to.have.members([
        'inventory',
        'payment',
      ]);
    } finally {
      scraper.stop();
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve) => garbled.close(resolve));
    }
  });
});
