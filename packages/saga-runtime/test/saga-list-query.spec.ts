import { expect } from 'chai';
import type { SagaStatus } from '@saga/saga-engine';
import {
  admittedStatuses,
  matchesSagaList,
  mayBeFinished,
  sagaListFilter,
  sagaSummary,
  type SagaDocument,
  type SagaListQuery,
} from '../src/index.ts';

const at = (hour: number) => new Date(Date.UTC(2026, 0, 1, hour));
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

function saga(n: number, fields: Partial<SagaDocument> = {}): SagaDocument {
  return {
    _id: id(n),
    saga: 'trip',
    key: `trip-${n}`,
    keyName: 'tripId',
    stateVersion: 3,
    status: 'RUNNING',
    currentStep: 0,
    failureReason: null,
    attention: null,
    deadlineAt: null,
    data: { traveller: 'ada', destination: 'Oslo' },
    steps: [
      {
        name: 'bookFlight',
        status: 'ACTIVE',
        attempts: 1,
        startedAt: at(n),
        endedAt: null,
        compensation: null,
      },
    ],
    finalCommands: [],
    history: [],
    processedMessageIds: [],
    outbox: [],
    version: 0,
    createdAt: at(n),
    updatedAt: at(n),
    ...fields,
  };
}
const query = (fields: Partial<SagaListQuery> = {}): SagaListQuery => ({ limit: 10, ...fields });
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('the saga list query', () => {
  describe('outcome COMPLETED', () => {
    it('admits the statuses that complete, within those asked for', () => {
      expect(admittedStatuses(query({ outcome: 'COMPLETED' }))).to.deep.equal(['COMPLETING', 'COMPLETED']);
      const statuses: SagaStatus[] = ['COMPLETED', 'RUNNING'];
      expect(admittedStatuses(query({ outcome: 'COMPLETED', statuses }))).to.deep.equal(['COMPLETED']);
      expect(sagaListFilter(query({ outcome: 'COMPLETED', statuses: ['RUNNING'] }))).to.equal(null);
    });
  });

  it('reads the finished archive only when a status it holds is admitted', () => {
    expect(mayBeFinished(query())).to.equal(true);
    expect(mayBeFinished(query({ statuses: ['CANCELLED'] }))).to.equal(true);
    expect(mayBeFinished(query({ statuses: ['RUNNING', 'NEEDS_ATTENTION'] }))).to.equal(false);
    expect(mayBeFinished(query({ outcome: 'COMPLETED', statuses: ['COMPLETING'] }))).to.equal(false);
  });

  it('filters with equalities, $in, a date range and the cursor, nothing else', () => {
    const filter = sagaListFilter(
      query({
        saga: 'trip',
        statuses: ['RUNNING', 'COMPENSATING'],
        currentStep: 1,
        outcome: 'NO_SEATS',
        data: { traveller: 'ada' },
        createdAfter: at(1),
        createdBefore: at(5),
        cursor: { createdAt: at(4), id: id(4) },
      }),
    );
    expect(plain(filter)).to.deep.equal(
      plain({
        saga: 'trip',
        status: { $in: ['RUNNING', 'COMPENSATING'] },
        currentStep: 1,
        failureReason: 'NO_SEATS',
        'data.traveller': 'ada',
        createdAt: { $gt: at(1), $lt: at(5) },
        $or: [{ createdAt: { $lt: at(4) } }, { createdAt: at(4), _id: { $lt: id(4) } }],
      }),
    );
    expect(sagaListFilter(query({ statuses: ['CANCELLED'] }))).to.deep.equal({ status: 'CANCELLED' });
    expect(sagaListFilter(query())).to.deep.equal({});
  });

  it('matches in memory as the filter does in the store', () => {
    const cancelled = saga(2, { status: 'CANCELLED', currentStep: null, failureReason: 'NO_SEATS' });
    expect(matchesSagaList(cancelled, query({ outcome: 'NO_SEATS' }))).to.equal(true);
    expect(matchesSagaList(cancelled, query({ outcome: 'COMPLETED' }))).to.equal(false);
    expect(matchesSagaList(saga(2), query({ data: { traveller: 'ada' }, currentStep: 0 }))).to.equal(true);
    expect(matchesSagaList(saga(2), query({ data: { traveller: 'bo' } }))).to.equal(false);
    expect(matchesSagaList(saga(2), query({ createdAfter: at(2) }))).to.equal(false);
    expect(matchesSagaList(saga(2), query({ createdBefore: at(3) }))).to.equal(true);
    expect(matchesSagaList(saga(2), query({ cursor: { createdAt: at(2), id: id(3) } }))).to.equal(true);
    expect(matchesSagaList(saga(2), query({ cursor: { createdAt: at(2), id: id(2) } }))).to.equal(false);
  });
});

describe('sagaSummary', () => {
  it('shows where a saga is, its key both ways, and the searchable fields; not its steps, data or history', () => {
    const summary = sagaSummary(saga(1), ['traveller']);
    expect(summary).to.deep.equal({
      sagaId: id(1),
      saga: 'trip',
      key: 'trip-1',
      keyName: 'tripId',
      tripId: 'trip-1',
      status: 'RUNNING',
      currentStep: { index: 0, name: 'bookFlight' },
      outcome: null,
      failureReason: null,
      attention: null,
      deadlineAt: null,
      traveller: 'ada',
      createdAt: at(1),
      updatedAt: at(1),
    });
  });

  it('names the outcome: COMPLETED once completing, the failure reason once failing', () => {
    expect(sagaSummary(saga(1, { status: 'COMPLETING' })).outcome).to.equal('COMPLETED');
    expect(sagaSummary(saga(1, { status: 'COMPENSATING', failureReason: 'NO_SEATS' })).outcome).to.equal(
      'NO_SEATS',
    );
  });
});
