import { expect } from 'chai';
import { mergeNewestFirst } from '../../src/http/merge-newest-first.ts';

const at = (iso: string) => new Date(`2025-06-07T08:09:${iso}Z`);
const order = (id: string, time: string, copy = 'hot') => ({ _id: id, createdAt: at(time), copy });
const ids = (orders: readonly { _id: string }[]) => orders.map((o) => o._id);

describe('mergeNewestFirst', () => {
  it('interleaves the hot and archived reads newest first', () => {
    const hot = [order('h3', '05.000'), order('h1', '01.000')];
    const archived = [order('a4', '06.000', 'archive'), order('a2', '03.000', 'archive')];
    expect(ids(mergeNewestFirst(hot, archived))).to.deep.equal(['a4', 'h3', 'a2', 'h1']);
  });

  it('breaks a tie in creation time by the id, descending, as the store sorts', () => {
    const hot = [order('b', '01.000')];
    const archived = [order('c', '01.000', 'archive'), order('a', '01.000', 'archive')];
    expect(ids(mergeNewestFirst(hot, archived))).to.deep.equal(['c', 'b', 'a']);
  });

  it('lists an order in both collections (a move a crash cut short) once, as the hot copy', () => {
    const hot = [order('x', '02.000'), order('y', '01.000')];
    const archived = [order('x', '02.000', 'archive'), order('z', '00.000', 'archive')];
    const merged = mergeNewestFirst(hot, archived);
    expect(ids(merged)).to.deep.equal(['x', 'y', 'z']);
    expect(merged[0]?.copy).to.equal('hot');
  });

  it('gives either read back as it is when the other is empty', () => {
    const hot = [order('h2', '02.000'), order('h1', '01.000')];
    expect(mergeNewestFirst(hot, [])).to.deep.equal(hot);
    expect(mergeNewestFirst([], hot)).to.deep.equal(hot);
    expect(mergeNewestFirst([], [])).to.deep.equal([]);
  });
});
