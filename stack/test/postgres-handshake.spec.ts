import { expect } from 'chai';
import {
  errorText,
  handshakeOutcome,
  splitMessages,
  startupMessage,
  terminateMessage,
} from '../src/probe/postgres-handshake.ts';

/** A backend message: type byte, Int32 length (itself included), body. */
const message = (type: string, body: Buffer) => {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
};
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const authOk = message('R', int32(0));
const parameter = (name: string, value: string) => message('S', Buffer.from(`${name}\0${value}\0`));
const ready = message('Z', Buffer.from('I'));
const error = (severity: string, text: string) =>
  message('E', Buffer.from(`S${severity}\0VFATAL\0C3D000\0M${text}\0\0`));

describe('postgres handshake', () => {
  it('sends a protocol 3.0 StartupMessage naming the user and the database', () => {
    const bytes = startupMessage('postgres', 'ferretdb');
    expect(bytes.readInt32BE(0)).to.equal(bytes.length);
    expect(bytes.readInt32BE(4)).to.equal(196_608);
    expect(bytes.subarray(8).toString()).to.equal('user\0postgres\0database\0ferretdb\0\0');
    expect([...terminateMessage]).to.deep.equal([0x58, 0, 0, 0, 4]);
  });

  it('splits complete messages and keeps an incomplete rest for the next chunk', () => {
    const stream = Buffer.concat([authOk, parameter('server_version', '17.5'), ready]);
    const { messages, rest } = splitMessages(stream.subarray(0, stream.length - 2));
    expect(messages.map((m) => m.type)).to.deep.equal(['R', 'S']);
    expect(rest.length).to.equal(ready.length - 2);
  });

  it('is ready at ReadyForQuery after trust authentication, with the server version', () => {
    const { messages } = splitMessages(Buffer.concat([authOk, parameter('server_version', '17.5'), ready]));
    expect(handshakeOutcome(messages)).to.deep.equal({
      done: true,
      result: { ok: true, detail: 'PostgreSQL 17.5 accepting connections' },
    });
  });

  it('is not decided before ReadyForQuery', () => {
    expect(handshakeOutcome(splitMessages(authOk).messages)).to.deep.equal({ done: false });
  });

  it("fails with the server's error, e.g. a missing database or a server still starting", () => {
    const { messages } = splitMessages(error('FATAL', 'database "ferretdb" does not exist'));
    expect(handshakeOutcome(messages)).to.deep.equal({
      done: true,
      result: { ok: false, detail: 'FATAL: database "ferretdb" does not exist' },
    });
    expect(errorText(Buffer.from('SFATAL\0Mthe database system is starting up\0\0'))).to.equal(
      'FATAL: the database system is starting up',
    );
  });

  it('fails when the server asks for a password instead of trusting the local client', () => {
    const outcome = handshakeOutcome(splitMessages(message('R', int32(10))).messages);
    expect(outcome).to.have.nested.property('result.ok', false);
  });
});
