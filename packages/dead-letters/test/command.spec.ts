import { expect } from 'chai';
import { parseCommand, UsageError } from '../src/index.ts';

const now = new Date('2026-03-01T12:00:00.000Z');

const usageError = (argv: string[]) => {
  try {
    parseCommand(argv, now);
  } catch (error) {
    expect(error).to.be.instanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`"${argv.join(' ')}" was accepted`);
};

describe('saga-dlq command line', () => {
  it('list: every topic by default, the newest 20', () => {
    expect(parseCommand(['list'], now)).to.deep.equal({ kind: 'list', filter: {}, limit: 20, json: false });
  });

  it('list: one topic, a limit, JSON output', () => {
    expect(parseCommand(['list', '--topic', 'order.created', '--limit', '5', '--json'], now)).to.deep.equal({
      kind: 'list',
      topic: 'order.created',
      filter: {},
      limit: 5,
      json: true,
    });
  });

  it('list: an exact key, and times as ISO 8601 or a duration back from now', () => {
    const command = parseCommand(
      ['list', '--key', 'order-1', '--since', '2h', '--until', '2026-03-01T11:30:00Z'],
      now,
    );
    expect(command).to.deep.equal({
      kind: 'list',
      filter: {
        key: 'order-1',
        since: new Date('2026-03-01T10:00:00.000Z'),
        until: new Date('2026-03-01T11:30:00.000Z'),
      },
      limit: 20,
      json: false,
    });
    const units = ['45s', '15m', '1d', '2026-02-28'].map((since) => {
      const parsed = parseCommand(['list', '--since', since], now);
      return parsed.kind === 'list' ? parsed.filter.since?.toISOString() : undefined;
    });
    expect(units).to.deep.equal([
      '2026-03-01T11:59:15.000Z',
      '2026-03-01T11:45:00.000Z',
      '2026-02-28T12:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
    ]);
  });

  it('replay: one dead letter by offset, partition 0 unless given', () => {
    expect(parseCommand(['replay', '--topic', 'order.created.dlq', '--offset', '12'])).to.deep.equal({
      kind: 'replay-one',
      topic: 'order.created.dlq',
      partition: 0,
      offset: '12',
      again: false,
    });
    expect(
      parseCommand(['replay', '--topic', 'order.created.dlq', '--offset', '3', '--partition', '2']),
    ).to.include({
      partition: 2,
    });
  });

  it('replay: one already replayed, again when asked', () => {
    expect(parseCommand(['replay', '--topic', 'order.created.dlq', '--offset', '12', '--again'])).to.include({
      kind: 'replay-one',
      again: true,
    });
  });

  it('replay: all dead letters of a topic, replays that failed again only when asked', () => {
    expect(parseCommand(['replay', '--topic', 'order.created.dlq', '--all'])).to.deep.equal({
      kind: 'replay-all',
      topic: 'order.created.dlq',
      includeReplays: false,
    });
    expect(
      parseCommand(['replay', '--topic', 'order.created.dlq', '--all', '--include-replays']),
    ).to.deep.equal({ kind: 'replay-all', topic: 'order.created.dlq', includeReplays: true });
  });

  it('says what is wrong with a command line it refuses', () => {
    expect(usageError([])).to.equal('no command given');
    expect(usageError(['purge'])).to.equal('unknown command "purge"');
    expect(usageError(['list', '--limit', '0'])).to.contain('--limit must be a whole number of at least 1');
    expect(usageError(['list', '--offset', '1'])).to.contain('`list` does not take --offset');
    expect(usageError(['replay', '--offset', '1'])).to.contain('needs --topic');
    expect(usageError(['replay', '--topic', 'order.created', '--offset', '1'])).to.contain(
      '"order.created.dlq", not "order.created"',
    );
    expect(usageError(['replay', '--topic', 'order.created.dlq'])).to.contain('needs --offset');
    expect(usageError(['replay', '--topic', 'order.created.dlq', '--offset', 'last'])).to.contain(
      '--offset must be a whole number',
    );
    expect(usageError(['replay', '--topic', 'order.created.dlq', '--all', '--offset', '1'])).to.contain(
      'leave out --offset',
    );
    expect(usageError(['list', '--bogus'])).to.contain('bogus');
  });

  it('says what is wrong with a filter it refuses', () => {
    expect(usageError(['list', '--since', 'yesterday'])).to.equal(
      '--since must be an ISO 8601 time (2026-01-02T03:04:05Z) or a duration back from now (30s, 15m, 2h, 7d), not "yesterday"',
    );
    expect(usageError(['list', '--until', '15 minutes'])).to.contain('--until must be');
    expect(usageError(['list', '--since', '2026-13-45'])).to.contain('--since must be');
    expect(usageError(['list', '--since', '1h', '--until', '2h'])).to.contain('must be before until');
    expect(usageError(['list', '--key', ''])).to.contain('--key must not be empty');
    expect(usageError(['list', '--limit', 'many'])).to.contain('--limit must be a whole number');
  });

  it('says which replay flags do not go together', () => {
    expect(usageError(['replay', '--topic', 'order.created.dlq', '--all', '--again'])).to.contain(
      '--again is for one dead letter',
    );
    expect(
      usageError(['replay', '--topic', 'order.created.dlq', '--offset', '1', '--include-replays']),
    ).to.contain('--include-replays goes with --all');
    expect(usageError(['list', '--again'])).to.contain('`list` does not take --again');
  });
});
