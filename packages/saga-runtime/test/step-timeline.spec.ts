import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createLogger } from '@saga/logging';
import { createSagaManager, sagaView, stepTopicsOf } from '../src/index.ts';
import { memorySagaStore } from '../src/testing/index.ts';
import { delivery, replyFor, tripRequested, tripSagaBinding } from './support/trip-saga.ts';

const silent = createLogger('step-timeline-test', 'silent');
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));

describe('the saga view’s step timelines', () => {
  it('lists each step’s commands sent, replies, deadlines and errors, in the history’s order', async () => {
    const memory = memorySagaStore();
    let clock = at(0);
    const manager = createSagaManager({
      binding: tripSagaBinding,
      sagas: memory.sagas,
      logger: silent,
      now: () => clock,
      random: () => 0.5,
    });
    const tripId = randomUUID();
    const { sagaId } = await manager.start(tripRequested(tripId), delivery('requested'));
    if (sagaId === null) throw new Error('the saga did not start');
    const ids = { tripId, sagaId };
    clock = at(1);
    await manager.handleReply(replyFor('flight.booked', ids), delivery('booked'));
    // The charge goes unanswered once (re-sent), then a person gives up on it.
    const saga = () => memory.documents.get(sagaId);
    clock = saga()?.deadlineAt ?? at(2);
    await manager.handleTimeout(sagaId);
    const resentAt = clock;
    clock = at(30);
    await manager.compensate(sagaId, { reason: 'card company down', by: 'ops-lead' });
    clock = at(31);
    await manager.handleReply(replyFor('flight.cancelled', ids), delivery('cancelled'));

    const stored = saga();
    if (!stored) throw new Error('no saga');
    const view = sagaView(stored, stepTopicsOf(tripSagaBinding.definition));
    const [bookFlight, chargeCard, issueTickets] = view.steps;

    expect(bookFlight?.sent?.map((sent) => [sent.phase, sent.topic, sent.at])).to.deep.equal([
      ['COMMAND', 'flight.book', at(0)],
      ['COMPENSATION', 'flight.cancel', at(30)],
    ]);
    expect(bookFlight?.received?.map((got) => [got.phase, got.topic, got.reply, got.at])).to.deep.equal([
      ['COMMAND', 'flight.booked', 'SUCCESS', at(1)],
      ['COMPENSATION', 'flight.cancelled', 'COMPENSATED', at(31)],
    ]);
    expect(bookFlight).to.deep.include({ status: 'COMPENSATED', startedAt: at(0), endedAt: at(1) });
    expect(bookFlight?.compensation).to.deep.equal({ attempts: 1, startedAt: at(30), endedAt: at(31) });

    expect(chargeCard?.sent?.map((sent) => sent.at)).to.deep.equal([at(1), resentAt]);
    expect(chargeCard?.timeouts).to.deep.equal([
      { phase: 'COMMAND', at: resentAt, attempts: 1, action: 'RESENT' },
    ]);
    expect(chargeCard?.errors).to.deep.equal([
      { at: at(30), kind: 'ABANDONED', detail: 'ops-lead: card company down' },
    ]);
    expect(chargeCard).to.deep.include({ status: 'ABANDONED', attempts: 2, endedAt: at(30) });
    expect(issueTickets).to.deep.include({ sent: [], received: [], timeouts: [], errors: [] });
    expect(view.history.map((entry) => entry.direction)).to.include('COMPENSATE');
  });

  it('records a failure reply as the step’s error', async () => {
    const memory = memorySagaStore();
    const manager = createSagaManager({ binding: tripSagaBinding, sagas: memory.sagas, logger: silent });
    const tripId = randomUUID();
    const { sagaId } = await manager.start(tripRequested(tripId), delivery());
    await manager.handleReply(replyFor('flight.unavailable', { tripId, sagaId: sagaId ?? '' }), delivery());
    const stored = memory.documents.get(sagaId ?? '');
    if (!stored) throw new Error('no saga');

    const [bookFlight] = sagaView(stored, stepTopicsOf(tripSagaBinding.definition)).steps;

    expect(bookFlight?.errors).to.have.length(1);
    expect(bookFlight?.errors?.[0]).to.deep.include({
      kind: 'FAILURE',
      detail: '"flight.unavailable" answered',
    });
  });

  it('shows the step records alone without the topics', async () => {
    const memory = memorySagaStore();
    const manager = createSagaManager({ binding: tripSagaBinding, sagas: memory.sagas, logger: silent });
    const { sagaId } = await manager.start(tripRequested(randomUUID()), delivery());
    const stored = memory.documents.get(sagaId ?? '');
    if (!stored) throw new Error('no saga');
    expect(sagaView(stored).steps).to.deep.equal(stored.steps);
  });
});
