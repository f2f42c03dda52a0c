import { expect } from 'chai';
import { everyStep } from '../src/every-step.ts';

describe('everyStep', () => {
  it('runs every step in order, also after one failed, then throws the first failure', async () => {
    const ran: number[] = [];
    const error = await everyStep([
      () => Promise.resolve(ran.push(1)),
      () => Promise.reject(new Error('first')),
      () => Promise.resolve(ran.push(3)),
      () => Promise.reject(new Error('second')),
    ]).catch((e: unknown) => e);

    expect(ran).to.deep.equal([1, 3]);
    expect((error as Error).message).to.equal('first');
  });

  it('resolves when every step did', async () => {
    await everyStep([() => Promise.resolve()]);
  });
});
