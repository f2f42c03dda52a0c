import { expect } from 'chai';
import { createOutboxBacklog } from '../src/outbox/outbox-backlog.ts';

describe('createOutboxBacklog', () => {
  const at = (ms: number) => ({ createdAt: new Date(ms) });

  it('sums the entries of every document seen, and gives the oldest entry’s time', () => {
    const backlog = createOutboxBacklog();
    backlog.seen('sagas:a', [at(3000), at(1000)]);
    backlog.seen('sagas:b', [at(2000)]);
    expect(backlog.reading()).to.deep.equal({ entries: 3, oldestCreatedAt: new Date(1000) });
  });

  it('is empty with nothing seen, and forgets a document seen without entries', () => {
    const backlog = createOutboxBacklog();
    expect(backlog.reading()).to.deep.equal({ entries: 0, oldestCreatedAt: null });
    backlog.seen('sagas:a', [at(1)]);
    backlog.seen('sagas:a', []);
    expect(backlog.reading().entries).to.equal(0);
  });

  it('clears a document once what was seen of it is sent, but not when it was seen again since', () => {
    const backlog = createOutboxBacklog();
    const sent = backlog.seen('sagas:a', [at(1)]);
    const newer = backlog.seen('sagas:a', [at(1), at(2)]);
    backlog.cleared('sagas:a', sent);
    expect(backlog.reading().entries, 'the newer sighting stays').to.equal(2);
    backlog.cleared('sagas:a', newer);
    expect(backlog.reading().entries).to.equal(0);
  });

  it('forgets a document another process writes', () => {
    const backlog = createOutboxBacklog();
    backlog.seen('sagas:a', [at(1)]);
    backlog.forget('sagas:a');
    expect(backlog.reading()).to.deep.equal({ entries: 0, oldestCreatedAt: null });
  });
});
