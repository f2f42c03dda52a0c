import { expect } from 'chai';
import type { FinishedSaga, StoredDocument } from '../src/growth/finished-saga-stores.ts';
import { DOCUMENTS_PER_MARKER, isMarkerOf, sagasPerMarker, seedMarker } from '../src/growth/seed-marker.ts';

/** A finished saga's template with `ledgerEntries` entries in the ledger and one document elsewhere. */
function template(ledgerEntries: number): FinishedSaga {
  const one: readonly StoredDocument[] = [{ _id: 'x' }];
  return {
    sagas: one,
    orders: one,
    reservations: one,
    payments: one,
    ledgerEntries: Array.from({ length: ledgerEntries }, (_, i) => ({ _id: `entry-${i}` })),
  };
}

describe('seed markers', () => {
  it('marks each batch of a seeding with a marker of its own, the run id first', () => {
    expect(seedMarker('18a46e53', 0)).to.equal('18a46e53-0');
    expect(seedMarker('18a46e53', 99)).to.equal('18a46e53-99');
  });

  it('keeps every marker well below the 65,535 documents one FerretDB delete can match', () => {
    expect(DOCUMENTS_PER_MARKER).to.be.at.most(65_535);
  });

  it('puts a round of sagas under one marker when each leaves one document per collection', () => {
    expect(sagasPerMarker(template(1), 1_000)).to.equal(1_000);
    expect(sagasPerMarker(template(1), 250)).to.equal(250);
  });

  it('puts fewer sagas under a marker when a saga leaves more documents in one collection', () => {
    // A charge and a refund: two ledger entries per saga, so at most 500 sagas make 1,000 entries.
    expect(sagasPerMarker(template(2), 1_000)).to.equal(500);
    expect(sagasPerMarker(template(3), 1_000) * 3).to.be.at.most(DOCUMENTS_PER_MARKER);
  });

  it('puts at least one saga under a marker, however wide the saga', () => {
    expect(sagasPerMarker(template(5_000), 1_000)).to.equal(1);
  });

  it('seeding 100,000 sagas marks no batch with more than DOCUMENTS_PER_MARKER documents in any collection', () => {
    const saga = template(1);
    const perMarker = sagasPerMarker(saga, 1_000);
    const batches = Math.ceil(100_000 / perMarker);
    expect(batches).to.equal(100);
    for (const documents of Object.values(saga)) {
      expect(perMarker * documents.length).to.be.at.most(DOCUMENTS_PER_MARKER);
    }
  });

  it('finds a run’s batch markers, and the run id alone as older runs marked every document', () => {
    expect(isMarkerOf('18a46e53-0', '18a46e53')).to.equal(true);
    expect(isMarkerOf('18a46e53-117', '18a46e53')).to.equal(true);
    expect(isMarkerOf('18a46e53', '18a46e53')).to.equal(true);
  });

  it('does not take another run’s markers for the run’s own', () => {
    expect(isMarkerOf('18a46e530-1', '18a46e53')).to.equal(false);
    expect(isMarkerOf('28a46e53-1', '18a46e53')).to.equal(false);
    expect(isMarkerOf('18a46e53-x', '18a46e53')).to.equal(false);
  });
});
