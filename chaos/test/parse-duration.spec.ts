import { expect } from 'chai';
import { parseDuration } from '../src/duration.ts';

describe('parseDuration', () => {
  it('reads seconds, minutes, hours and milliseconds', () => {
    expect(parseDuration('150s')).to.equal(150_000);
    expect(parseDuration('10m')).to.equal(600_000);
    expect(parseDuration('1h')).to.equal(3_600_000);
    expect(parseDuration('500ms')).to.equal(500);
  });

  it('takes a bare number as seconds', () => {
    expect(parseDuration('90')).to.equal(90_000);
  });

  it('refuses what is not a positive duration', () => {
    expect(parseDuration('ten minutes')).to.equal(undefined);
    expect(parseDuration('0s')).to.equal(undefined);
    expect(parseDuration('-5m')).to.equal(undefined);
  });
});
