import { expect } from 'chai';
import {
  InvalidDeadLetterFilterError,
  isFiltering,
  matchesDeadLetterFilter,
  parseDeadLetterFilter,
  parseTimeBound,
  type DeadLetter,
} from '../src/index.ts';

const now = new Date('2026-03-01T12:00:00.000Z');

function refused(run: () => unknown): InvalidDeadLetterFilterError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidDeadLetterFilterError);
    return error as InvalidDeadLetterFilterError;
  }
  throw new Error('accepted');
}

/** Only what a filter looks at: the key and when the letter was dead-lettered. */
const letter = (key: string | null, deadLetteredAt: string) =>
  ({ key: key === null ? null : Buffer.from(key), deadLetteredAt }) as DeadLetter;

describe('parseTimeBound', () => {
  it('reads a duration back from now in seconds, minutes, hours or days', () => {
    expect(parseTimeBound('since', '30s', now).toISOString()).to.equal('2026-03-01T11:59:30.000Z');
    expect(parseTimeBound('since', '15m', now).toISOString()).to.equal('2026-03-01T11:45:00.000Z');
    expect(parseTimeBound('since', '2h', now).toISOString()).to.equal('2026-03-01T10:00:00.000Z');
    expect(parseTimeBound('since', '7d', now).toISOString()).to.equal('2026-02-22T12:00:00.000Z');
  });

  it('reads an ISO 8601 date or time, with or without a zone', () => {
    expect(parseTimeBound('until', '2026-01-02T03:04:05Z', now).toISOString()).to.equal(
      '2026-01-02T03:04:05.000Z',
    );
    expect(parseTimeBound('until', '2026-01-02T03:04:05.250+02:00', now).toISOString()).to.equal(
      '2026-01-02T01:04:05.250Z',
    );
    expect(parseTimeBound('until', '2026-01-02', now).toISOString()).to.equal('2026-01-02T00:00:00.000Z');
  });

  it('refuses anything else, naming the field and the forms it takes', () => {
    for (const text of ['yesterday', '15 m', '-5m', '2h30m', '1w', '1700000000000', '2026-02-30x', ''])
      expect(refused(() => parseTimeBound('since', text, now)).field, text).to.equal('since');
    expect(refused(() => parseTimeBound('until', 'soon', now)).message).to.equal(
      'until must be an ISO 8601 time (2026-01-02T03:04:05Z) or a duration back from now (30s, 15m, 2h, 7d), not "soon"',
    );
  });
});

describe('parseDeadLetterFilter', () => {
  it('is empty when nothing is given, and then filters nothing', () => {
    const filter = parseDeadLetterFilter({}, now);
    expect(filter).to.deep.equal({});
    expect(isFiltering(filter)).to.equal(false);
  });

  it('keeps a key exactly, and reads both times', () => {
    expect(
      parseDeadLetterFilter({ key: ' order-1', since: '1h', until: '2026-03-01T11:30:00Z' }, now),
    ).to.deep.equal({
      key: ' order-1',
      since: new Date('2026-03-01T11:00:00.000Z'),
      until: new Date('2026-03-01T11:30:00.000Z'),
    });
  });

  it('refuses an empty key, and a since that is not before until', () => {
    expect(refused(() => parseDeadLetterFilter({ key: '' }, now)).field).to.equal('key');
    const backwards = refused(() => parseDeadLetterFilter({ since: '1h', until: '2h' }, now));
    expect(backwards.field).to.equal('since');
    expect(backwards.message).to.contain('must be before until');
  });
});

describe('matchesDeadLetterFilter', () => {
  it('passes exactly the key, not a prefix of it', () => {
    expect(matchesDeadLetterFilter(letter('order-1', '2026-03-01T11:00:00Z'), { key: 'order-1' })).to.equal(
      true,
    );
    expect(matchesDeadLetterFilter(letter('order-10', '2026-03-01T11:00:00Z'), { key: 'order-1' })).to.equal(
      false,
    );
    expect(matchesDeadLetterFilter(letter(null, '2026-03-01T11:00:00Z'), { key: 'order-1' })).to.equal(false);
  });

  it('passes a dead-lettering time in [since, until)', () => {
    const filter = { since: new Date('2026-03-01T11:00:00Z'), until: new Date('2026-03-01T11:30:00Z') };
    expect(matchesDeadLetterFilter(letter('k', '2026-03-01T11:00:00.000Z'), filter)).to.equal(true);
    expect(matchesDeadLetterFilter(letter('k', '2026-03-01T10:59:59.999Z'), filter)).to.equal(false);
    expect(matchesDeadLetterFilter(letter('k', '2026-03-01T11:30:00.000Z'), filter)).to.equal(false);
  });

  it('passes no time bound with a dead letter whose time cannot be read', () => {
    expect(matchesDeadLetterFilter(letter('k', ''), { since: new Date(0) })).to.equal(false);
    expect(matchesDeadLetterFilter(letter('k', ''), {})).to.equal(true);
  });
});
