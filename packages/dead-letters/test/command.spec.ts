import { expect } from 'chai';
import { parseCommand, UsageError } from '../src/index.ts';

const usageError = (argv: string[]) => {
  try {
    parseCommand(argv);
  } catch (error) {
    expect(error).to.be.instanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`"${argv.join(' ')}" was accepted`);
};

describe('saga-dlq command line', () => {
  it('list: every topic by default, the newest 20', () => {
    expect(parseCommand(['list'])).to.deep.equal({ kind: 'list', limit: 20, json: false });
  });

  it('list: one topic, a limit, JSON output', () => {
    expect(parseCommand(['list', '--topic', 'order.created', '--limit', '5', '--json'])).to.deep.equal({
      kind: 'list',
      topic: 'order.created',
      limit: 5,
      json: true,
    });
  });

  it('replay: one dead letter by offset, partition 0 unless given', () => {
    expect(parseCommand(['replay', '--topic', 'order.created.dlq', '--offset', '12'])).to.deep.equal({
      kind: 'replay-one',
      topic: 'order.created.dlq',
      partition: 0,
      offset: '12',
    });
    expect(
      parseCommand(['replay', '--topic', 'order.created.dlq', '--offset', '3', '--partition', '2']),
    ).to.include({
      partition: 2,
    });
  });

  it('replay: all dead letters of a topic', () => {
    expect(parseCommand(['replay', '--topic', 'order.created.dlq', '--all'])).to.deep.equal({
      kind: 'replay-all',
      topic: 'order.created.dlq',
    });
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
});
