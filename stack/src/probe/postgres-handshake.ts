import { connect } from 'node:net';
import type { ProbeResult } from '../pieces/piece.ts';

/** Protocol 3.0, as every PostgreSQL since 7.4 speaks it. */
const PROTOCOL_3 = 196_608;

/** The StartupMessage: length, protocol version, then name/value pairs, each NUL-terminated, and a NUL. */
export function startupMessage(user: string, database: string): Buffer {
  const pairs = Buffer.from(`user\0${user}\0database\0${database}\0\0`, 'utf8');
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + pairs.length, 0);
  header.writeInt32BE(PROTOCOL_3, 4);
  return Buffer.concat([header, pairs]);
}

/** Terminate: ends the session politely, so the server logs no "unexpected EOF". */
export const terminateMessage = Buffer.from([0x58, 0, 0, 0, 4]);

export interface BackendMessage {
  /** The message type byte, e.g. 'R' (authentication), 'E' (error), 'Z' (ready for query). */
  readonly type: string;
  readonly body: Buffer;
}

/** Splits what arrived so far into complete messages and the incomplete rest. */
export function splitMessages(buffer: Buffer): { messages: BackendMessage[]; rest: Buffer } {
  const messages: BackendMessage[] = [];
  let offset = 0;
  while (buffer.length - offset >= 5) {
    const length = buffer.readInt32BE(offset + 1);
    if (buffer.length - offset < 1 + length) break;
    messages.push({
      type: String.fromCharCode(buffer[offset] ?? 0),
      body: buffer.subarray(offset + 5, offset + 1 + length),
    });
    offset += 1 + length;
  }
  return { messages, rest: buffer.subarray(offset) };
}

/** An ErrorResponse's severity and message fields ('S' and 'M'), e.g. `FATAL: the database system is starting up`. */
export function errorText(body: Buffer): string {
  const fields = new Map<string, string>();
  let offset = 0;
  while (offset < body.length && body[offset] !== 0) {
    const code = String.fromCharCode(body[offset] ?? 0);
    const end = body.indexOf(0, offset + 1);
    if (end < 0) break;
    fields.set(code, body.toString('utf8', offset + 1, end));
    offset = end + 1;
  }
  return `${fields.get('S') ?? 'ERROR'}: ${fields.get('M') ?? 'no message'}`;
}

/** What the messages so far decide: nothing yet, ready, or refused. */
export function handshakeOutcome(
  messages: readonly BackendMessage[],
): { done: false } | { done: true; result: ProbeResult } {
  let version = '?';
  for (const message of messages) {
    switch (message.type) {
      case 'R': {
        const method = message.body.readInt32BE(0);
        if (method !== 0) {
          return {
            done: true,
            result: { ok: false, detail: `the server asks for authentication (method ${method}), not trust` },
          };
        }
        break;
      }
      case 'S': {
        const [name, value] = message.body.toString('utf8').split('\0');
        if (name === 'server_version' && value) version = value;
        break;
      }
      case 'E':
        return { done: true, result: { ok: false, detail: errorText(message.body) } };
      case 'Z':
        return { done: true, result: { ok: true, detail: `PostgreSQL ${version} accepting connections` } };
    }
  }
  return { done: false };
}

/**
 * A real connection: the startup handshake as `user` to `database`, up to ReadyForQuery. It passes only
 * when the server accepts sessions (not while it starts, recovers or shuts down) and the database
 * exists. No client library needed: the stack has none, and this is all a probe asks.
 */
export function postgresHandshake(options: {
  port: number;
  user: string;
  database: string;
  host?: string;
  timeoutMs?: number;
}): Promise<ProbeResult> {
  const { port, user, database, host = '127.0.0.1', timeoutMs = 2000 } = options;
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (result.ok) socket.end(terminateMessage);
      else socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => {
      finish({ ok: false, detail: `no answer from ${host}:${port} within ${timeoutMs} ms` });
    }, timeoutMs);
    socket.on('connect', () => socket.write(startupMessage(user, database)));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const outcome = handshakeOutcome(splitMessages(received).messages);
      if (outcome.done) finish(outcome.result);
    });
    socket.on('error', (error) => {
      finish({ ok: false, detail: error.message });
    });
    socket.on('close', () => {
      finish({ ok: false, detail: `${host}:${port} closed the connection during the handshake` });
    });
  });
}
