import { expect } from 'chai';
import { decodeCursor } from '../src/listing/list-cursor.ts';
import { afterCursor, mergeNewestFirst, pageOf } from '../src/listing/merge-newest-first.ts';

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

describe('pageOf', () => {
  const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
  const found = [1, 2, 3].map((n) => ({ _id: id(n), createdAt: at(`0${n}.000`) }));

  it('cuts the merged reads to a page, with the cursor of its last document when more follow', () => {
    const { page, nextCursor } = pageOf(found, 2);
    expect(ids(page)).to.deep.equal([id(1), id(2)]);
    expect(nextCursor && decodeCursor(nextCursor)).to.deep.equal({ createdAt: at('02.000'), id: id(2) });
  });

  it('has no next cursor on the last page', () => {
    expect(pageOf(found, 3).nextCursor).to.equal(null);
    expect(pageOf([], 3)).to.deep.equal({ page: [], nextCursor: null });
  });
});

describe('afterCursor', () => {
  it('is no filter without a cursor', () => {
    expect(afterCursor(undefined)).to.deep.equal({});
  });

  it('asks for what is older, or as old with a smaller id', () => {
    const cursor = { createdAt: at('02.000'), id: '00000000-0000-4000-8000-000000000002' };
    expect(JSON.parse(JSON.stringify(afterCursor(cursor)))).to.deep.equal({
      $or: [
        { createdAt: { $lt: cursor.createdAt.toISOString() } },
        { createdAt: cursor.createdAt.toISOString(), _id: { $lt: cursor.id } },
      ],
    });
  });
});
