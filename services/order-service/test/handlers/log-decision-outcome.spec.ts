import { expect } from 'chai';
import type { OrderDecisionCommand } from '../../src/handlers/apply-order-decision.ts';
import { logDecisionOutcome } from '../../src/handlers/log-decision-outcome.ts';
import { memoryLogger } from '../support/memory-logger.ts';

const sagaId = 'c7d2e0a4-5b6f-4c1d-9e8a-7b6c5d4e3f21';
const confirm: OrderDecisionCommand = {
  decision: 'confirm',
  orderId: '9a2afb0f-10a2-5c5d-b79f-8f33eb15c3b9',
  messageId: 'message-1',
  sagaId,
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  record: { sagaId },
};
const INFO = 30;
const WARN = 40;

describe('logDecisionOutcome', () => {
  it('logs a decision acknowledged again at info: the saga sent its command again', () => {
    const { logger, lines } = memoryLogger();
    logDecisionOutcome(logger, confirm, { kind: 'acknowledged-again', status: 'CONFIRMED' }, sagaId);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.deep.include({ level: INFO, status: 'CONFIRMED', orderId: confirm.orderId });
    expect(lines[0]?.msg).to.contain('acknowledged again');
  });

  it('logs an applied decision at info, with the new status', () => {
    const { logger, lines } = memoryLogger();
    logDecisionOutcome(logger, confirm, { kind: 'applied', status: 'CONFIRMED' }, sagaId);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.deep.include({
      level: INFO,
      msg: 'order confirmed',
      orderId: confirm.orderId,
      messageId: 'message-1',
      sagaId,
      decision: 'confirm',
      status: 'CONFIRMED',
    });
  });

  it('logs a redelivery at info: it is expected, not a problem', () => {
    const { logger, lines } = memoryLogger();
    logDecisionOutcome(logger, confirm, { kind: 'duplicate', status: 'CONFIRMED' }, sagaId);
    expect(lines[0]).to.deep.include({ level: INFO, status: 'CONFIRMED', messageId: 'message-1' });
    expect(lines[0]?.msg).to.contain('already applied');
  });

  it("warns about a decision for a settled order, with the order's current status", () => {
    const { logger, lines } = memoryLogger();
    logDecisionOutcome(logger, confirm, { kind: 'not-applicable', status: 'CANCELLED' }, sagaId);
    expect(lines[0]).to.deep.include({ level: WARN, status: 'CANCELLED', orderId: confirm.orderId });
    expect(lines[0]?.msg).to.equal(
      'order is already CANCELLED, a terminal status; the confirm changes nothing',
    );
  });

  it('warns about a decision for an order it does not know, and says it is skipped', () => {
    const { logger, lines } = memoryLogger();
    logDecisionOutcome(logger, { ...confirm, decision: 'cancel' }, { kind: 'unknown-order' }, sagaId);
    expect(lines[0]).to.deep.include({ level: WARN, orderId: confirm.orderId, decision: 'cancel' });
    expect(lines[0]?.msg).to.equal('no such order; the cancel is skipped');
  });
});
