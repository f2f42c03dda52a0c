import { expect } from 'chai';
import { isAlive, processState } from '../src/process/pid-file.ts';

describe('pid records', () => {
  const own = (signature: string) => ({ piece: 'test', pid: process.pid, signature, startedAt: '' });

  it('takes a running process whose command line holds the signature for the one started', () => {
    expect(isAlive(own(process.argv[1] ?? 'node'))).to.equal(true);
  });

  it('takes a running process with another command line for a recycled pid, not ours', () => {
    expect(isAlive(own('-D /no/such/data/dir '))).to.equal(false);
  });

  it('takes a pid nobody holds for a process that is gone', () => {
    expect(isAlive({ ...own('x'), pid: 2 ** 22 + 17 })).to.equal(false);
  });

  it('reads the state of /proc/<pid>/stat after the last ")" of the command name', () => {
    expect(processState('4242 (postgres) S 1 4242 4242 0 -1')).to.equal('S');
    expect(processState('4243 (a) (b)) Z 1 4243')).to.equal('Z');
    expect(processState(`${process.pid} (node) R 1`)).to.equal('R');
  });
});
