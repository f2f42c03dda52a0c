import { expect } from 'chai';
import { histogramQuantile } from '../../src/metrics/histogram-quantile.ts';

describe('histogramQuantile', () => {
  const buckets = [
    { le: 0.1, count: 10 },
    { le: 0.5, count: 60 },
    { le: 1, count: 90 },
    { le: 5, count: 100 },
    { le: Infinity, count: 100 },
  ];

  it('interpolates inside the bucket the rank falls in, as Prometheus does', () => {
    // rank 50 of 100: 40 of the 50 observations in (0.1, 0.5] → 0.1 + 0.4 × 40/50
    expect(histogramQuantile(0.5, buckets)).to.be.closeTo(0.42, 1e-9);
    // rank 99: 9 of the 10 in (1, 5] → 1 + 4 × 0.9
    expect(histogramQuantile(0.99, buckets)).to.be.closeTo(4.6, 1e-9);
  });

  it('interpolates from 0 in the first bucket', () => {
    expect(histogramQuantile(0.05, buckets)).to.be.closeTo(0.05, 1e-9);
  });

  it('answers the highest finite bound when the rank is in the +Inf bucket', () => {
    expect(
      histogramQuantile(0.99, [
        { le: 1, count: 1 },
        { le: Infinity, count: 10 },
      ]),
    ).to.equal(1);
  });

  it('takes the buckets in any order', () => {
    expect(histogramQuantile(0.5, [...buckets].reverse())).to.be.closeTo(0.42, 1e-9);
  });

  it('has no quantile for an empty histogram', () => {
    expect(histogramQuantile(0.5, [])).to.equal(undefined);
    expect(
      histogramQuantile(0.5, [
        { le: 1, count: 0 },
        { le: Infinity, count: 0 },
      ]),
    ).to.equal(undefined);
  });
});
