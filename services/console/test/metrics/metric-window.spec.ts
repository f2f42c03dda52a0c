import { expect } from 'chai';
import { MetricWindow } from '../../src/metrics/metric-window.ts';

describe('MetricWindow', () => {
  it('keeps a service’s scrapes of the last span before its newest, oldest first', () => {
    const window = new MetricWindow(10_000);
    for (const at of [0, 4_000, 8_000, 12_000, 16_000]) window.add('order', { at, samples: [] });
    expect(window.scrapes('order').map((s) => s.at)).to.deep.equal([8_000, 12_000, 16_000]);
    expect(window.scrapes('payment')).to.deep.equal([]);
  });

  it('remembers how the last scrape went, and keeps what it had when one fails', () => {
    const window = new MetricWindow(10_000);
    expect(window.outcome('order')).to.equal(undefined);
    window.add('order', { at: 1, samples: [] });
    expect(window.outcome('order')).to.deep.equal({ at: 1, ok: true });
    window.failed('order', 2, 'connect ECONNREFUSED');
    expect(window.outcome('order')).to.deep.equal({ at: 2, ok: false, error: 'connect ECONNREFUSED' });
    expect(window.scrapes('order')).to.have.length(1);
  });
});
