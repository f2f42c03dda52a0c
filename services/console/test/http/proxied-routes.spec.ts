import { expect } from 'chai';
import { isProxied } from '../../src/http/proxied-routes.ts';

describe('isProxied', () => {
  it('forwards the sagas, orders, stock, payments and dead letters of the service that serves them', () => {
    expect(isProxied('orchestrator', '/sagas')).to.equal(true);
    expect(isProxied('orchestrator', '/sagas/9b2f6e4c-0d7a-4a39-8f1e-2c3b4a5d6e7f')).to.equal(true);
    expect(isProxied('orchestrator', '/sagas/9b2f6e4c-0d7a-4a39-8f1e-2c3b4a5d6e7f/compensate')).to.equal(
      true,
    );
    expect(isProxied('order', '/orders/abc')).to.equal(true);
    expect(isProxied('inventory', '/stock/SKU-1')).to.equal(true);
    expect(isProxied('payment', '/accounts/customer-1')).to.equal(true);
    for (const service of ['order', 'orchestrator', 'inventory', 'payment'] as const) {
      expect(isProxied(service, '/dead-letters'), service).to.equal(true);
      expect(isProxied(service, '/dead-letters/replay'), service).to.equal(true);
    }
  });

  it('forwards nothing else: not another service’s routes, health, metrics or anything unlisted', () => {
    expect(isProxied('order', '/sagas')).to.equal(false);
    expect(isProxied('orchestrator', '/orders/abc')).to.equal(false);
    for (const path of ['/readyz', '/healthz', '/metrics', '/', '', '/sagas/a/b', '/sagas/a/delete']) {
      expect(isProxied('orchestrator', path), path).to.equal(false);
    }
  });

  it('forwards no path that a parser would move: dot segments, encoded or not, and encoded slashes', () => {
    for (const path of [
      '/sagas/..',
      '/sagas/../retry',
      '/sagas/%2e%2e/retry',
      '/sagas/.',
      '/orders/..%2Fmetrics',
      '/orders/a%5Cb',
      '/orders/%E0%A4%A',
    ]) {
      expect(isProxied(path.startsWith('/orders') ? 'order' : 'orchestrator', path), path).to.equal(false);
    }
  });
});
