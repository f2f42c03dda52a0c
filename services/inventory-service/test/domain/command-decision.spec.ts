import { expect } from 'chai';
import { commandDecisions, decideCommand } from '../../src/domain/command-decision.ts';
import type { SettledStatus } from '../../src/domain/reservation-status.ts';

const reservationId = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const at = (status: SettledStatus) => ({ status, reservationId });

describe('decideCommand', () => {
  describe('reserve', () => {
    it('creates the reservation when the order has none', () => {
      expect(decideCommand('reserve', null)).to.deep.equal({ kind: 'create' });
    });

    it('answers a retried reserve with the outcome it already had', () => {
      expect(decideCommand('reserve', at('RESERVED'))).to.deep.equal({
        kind: 'reply',
        topic: 'inventory.reserved',
      });
      expect(decideCommand('reserve', at('FAILED'))).to.deep.equal({
        kind: 'reply',
        topic: 'inventory.failed',
      });
    });

    it('ignores a reserve for a reservation that moved on, holding nothing more', () => {
      expect(decideCommand('reserve', at('COMMITTED'))).to.include({ kind: 'ignore', level: 'warn' });
      expect(decideCommand('reserve', at('RELEASED'))).to.include({ kind: 'ignore', level: 'warn' });
    });
  });

  describe('commit', () => {
    it('starts committing a RESERVED reservation', () => {
      expect(decideCommand('commit', at('RESERVED'), reservationId)).to.deep.equal({
        kind: 'begin',
        status: 'COMMITTING',
      });
    });

    it('answers a retried commit with inventory.completed again', () => {
      expect(decideCommand('commit', at('COMMITTED'), reservationId)).to.deep.equal({
        kind: 'reply',
        topic: 'inventory.completed',
      });
    });

    it('ignores, as an error, a commit of nothing: no reservation, a failed one, or a released one', () => {
      expect(decideCommand('commit', null, reservationId)).to.include({ kind: 'ignore', level: 'error' });
      expect(decideCommand('commit', at('FAILED'), reservationId)).to.include({
        kind: 'ignore',
        level: 'error',
      });
      expect(decideCommand('commit', at('RELEASED'), reservationId)).to.include({
        kind: 'ignore',
        level: 'error',
      });
    });
  });

  describe('release', () => {
    it('starts releasing a RESERVED reservation', () => {
      expect(decideCommand('release', at('RESERVED'), reservationId)).to.deep.equal({
        kind: 'begin',
        status: 'RELEASING',
      });
    });

    it('answers inventory.released for a reservation that failed, so the compensating saga can finish', () => {
      expect(decideCommand('release', at('FAILED'), reservationId)).to.deep.equal({
        kind: 'reply',
        topic: 'inventory.released',
      });
    });

    it('answers a retried release with inventory.released again', () => {
      expect(decideCommand('release', at('RELEASED'), reservationId)).to.deep.equal({
        kind: 'reply',
        topic: 'inventory.released',
      });
    });

    it('creates a RELEASED marker for an order with no reservation, so a late reserve holds nothing', () => {
      expect(decideCommand('release', null, reservationId)).to.deep.equal({ kind: 'create' });
      expect(decideCommand('reserve', at('RELEASED')).kind).to.equal('ignore');
    });

    it('ignores, as an error, a release of sold stock', () => {
      expect(decideCommand('release', at('COMMITTED'), reservationId)).to.include({
        kind: 'ignore',
        level: 'error',
      });
    });
  });

  it('accepts any reservation id in a release of a failed reservation, whose id was never given out', () => {
    const madeUp = '00000000-0000-4000-8000-000000000000';
    expect(decideCommand('release', at('FAILED'), madeUp)).to.deep.equal({
      kind: 'reply',
      topic: 'inventory.released',
    });
  });

  it('ignores a commit or release naming another reservation of the order', () => {
    const other = '00000000-0000-4000-8000-000000000000';
    for (const command of ['commit', 'release'] as const) {
      const decision = decideCommand(command, at('RESERVED'), other);
      expect(decision, command).to.include({ kind: 'ignore', level: 'error' });
      expect(decision.kind === 'ignore' && decision.why)
        .to.contain(other)
        .and.contain(reservationId);
    }
  });

  it('only creates a reservation for reserve and release, and never for an existing one', () => {
    for (const [command, row] of Object.entries(commandDecisions)) {
      for (const [status, decision] of Object.entries(row)) {
        if (decision.kind === 'create') {
          expect(status, `${command} at ${status}`).to.equal('NONE');
          expect(command).to.not.equal('commit');
        }
      }
    }
  });

  it('says why for every command it ignores', () => {
    for (const row of Object.values(commandDecisions)) {
      for (const decision of Object.values(row)) {
        if (decision.kind === 'ignore') expect(decision.why).to.have.length.above(20);
      }
    }
  });
});
