import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createKafkaCluster, kafkaErrorKind, withAdmin } from '@saga/events';
import type { StackPaths } from '../paths.ts';
import { StackError } from '../stack-error.ts';
import type { PieceContext } from './piece.ts';

/**
 * The local broker's SASL listener: SCRAM over plain TCP on 127.0.0.1:9094, beside the unauthenticated
 * PLAINTEXT listener on 9092 that the stack and the services use by default. It exists so that the
 * platform's SASL path (KAFKA_SASL_*) is exercised against a real broker without any cloud account.
 */
export const SCRAM_PORT = 9094;
/** The one local SCRAM user; its password is generated per data directory (see localScramCredentials). */
export const LOCAL_SCRAM_USER = 'saga';
const MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
const LOGIN_MODULE = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';

export interface ScramCredentials {
  readonly username: string;
  readonly password: string;
}

/** Where the password lives: with the broker's data, so `stack:reset` wipes both together. */
export const scramCredentialsFile = (paths: StackPaths) =>
  join(paths.dataOf('kafka'), 'scram-credentials.json');

/**
 * server.properties lines for the SCRAM listener. Only this listener speaks SASL: the PLAINTEXT
 * client listener and the controller listener stay as they are, and so does inter-broker traffic.
 * Without an authorizer, any authenticated user may do anything, which is what a dev broker wants.
 */
export function scramListenerProperties(): {
  listener: string;
  protocolMapEntry: string;
  lines: string;
} {
  return {
    listener: `SASL_PLAINTEXT://127.0.0.1:${SCRAM_PORT}`,
    protocolMapEntry: 'SASL_PLAINTEXT:SASL_PLAINTEXT',
    lines: [
      `# SASL/SCRAM on :${SCRAM_PORT} (user "${LOCAL_SCRAM_USER}", password in data/kafka/scram-credentials.json).`,
      `sasl.enabled.mechanisms=${MECHANISMS.join(',')}`,
      ...MECHANISMS.map(
        (m) => `listener.name.sasl_plaintext.${m.toLowerCase()}.sasl.jaas.config=${LOGIN_MODULE}`,
      ),
    ].join('\n'),
  };
}

/**
 * The local SCRAM user's credentials, generated on first use and kept (mode 0600) in the Kafka data
 * directory. A generated password rather than a fixed one: nothing checked into the repository opens
 * the broker, and a wiped data directory gets a new one with its new credential.
 */
export async function ensureLocalScramCredentials(paths: StackPaths): Promise<ScramCredentials> {
  const existing = await readCredentials(paths);
  if (existing) return existing;
  await mkdir(paths.dataOf('kafka'), { recursive: true });
  // Hex: nothing that ConfigCommand's `[name=...,password=...]` syntax would split on.
  const created = { username: LOCAL_SCRAM_USER, password: randomBytes(18).toString('hex') };
  try {
    await writeFile(scramCredentialsFile(paths), `${JSON.stringify(created, null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  } catch (error) {
    // Another start wrote it first: theirs is the one the broker gets.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const theirs = await readCredentials(paths);
      if (theirs) return theirs;
    }
    throw error;
  }
  return created;
}

/**
 * The local SCRAM user's credentials, for tests and scripts that connect to 127.0.0.1:9094.
 * @throws StackError when the stack has not created them yet.
 */
export async function readLocalScramCredentials(paths: StackPaths): Promise<ScramCredentials> {
  const credentials = await readCredentials(paths);
  if (!credentials) {
    throw new StackError(
      'NOT_READY',
      `the local broker has no SCRAM user yet (${scramCredentialsFile(paths)} is missing)`,
      'start the local stack (`npm run stack:up -- --infra`), which creates it',
    );
  }
  return credentials;
}

/**
 * The environment that points the platform at the local SCRAM listener, e.g.
 * `runService(definition, { env: { ...process.env, ...localScramEnv(credentials) } })`.
 * Set it on one program, not on the launcher: KAFKA_BROKERS makes the launcher treat Kafka as external.
 */
export function localScramEnv(
  credentials: ScramCredentials,
  mechanism: 'scram-sha-256' | 'scram-sha-512' = 'scram-sha-256',
): Record<string, string> {
  return {
    KAFKA_BROKERS: `127.0.0.1:${SCRAM_PORT}`,
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: credentials.username,
    KAFKA_SASL_PASSWORD: credentials.password,
  };
}

/** StorageTool arguments that create the SCRAM user while formatting a new log directory. */
export function scramFormatArgs(credentials: ScramCredentials): string[] {
  return MECHANISMS.flatMap((m) => [
    '--add-scram',
    `${m}=[name=${credentials.username},password=${credentials.password}]`,
  ]);
}

export interface JavaCommand {
  readonly java: string;
  readonly classpath: string;
  readonly log4j: string;
}

/**
 * Makes sure the SCRAM user can log in on :9094. A log directory formatted before the listener
 * existed has no credential, so it is added then through the admin API (AlterUserScramCredentials,
 * via Kafka's own ConfigCommand: the platform's Kafka client, kafkajs, cannot send it) over the PLAINTEXT listener. Idempotent:
 * when the login works, nothing is changed. Runs after every start, so it costs one SASL login.
 */
export async function ensureScramUser(ctx: PieceContext, command: JavaCommand): Promise<void> {
  const credentials = await ensureLocalScramCredentials(ctx.paths);
  const outcomes = await Promise.all(MECHANISMS.map((m) => tryScramLogin(credentials, m)));
  if (outcomes.includes('no-listener')) {
    // A broker started before this listener was configured: it keeps running; a restart opens :9094.
    ctx.reporter.info(
      'kafka',
      `the running broker has no SCRAM listener on :${SCRAM_PORT}; stop the stack and start it again to open it`,
    );
    return;
  }
  const other = outcomes.find((o) => o !== 'ok' && o !== 'rejected');
  if (other !== undefined) throw new Error(`a SCRAM login on :${SCRAM_PORT} failed: ${other}`);
  const missing = MECHANISMS.filter((_, i) => outcomes[i] === 'rejected');
  if (missing.length === 0) return;
  ctx.reporter.info(
    'kafka',
    `adding SCRAM user "${credentials.username}" (${missing.join(', ')}) for :${SCRAM_PORT}`,
  );
  // One mechanism per request: KRaft refuses to alter one user's credentials twice in one request.
  for (const mechanism of missing) await addScramCredential(command, credentials, mechanism);
  // The credential reaches the broker through the metadata log; measured immediate, but not promised.
  for (const mechanism of missing) {
    let last: LoginOutcome = 'rejected';
    for (let attempt = 0; attempt < 20 && last !== 'ok'; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 500));
      last = await tryScramLogin(credentials, mechanism);
    }
    if (last !== 'ok') {
      throw new StackError(
        'START_FAILED',
        `the ${mechanism} credential of "${credentials.username}" was added, but logging in on :${SCRAM_PORT} still fails (${last})`,
        'read .stack/logs/kafka.log; `npm run stack:reset` formats a fresh broker with the user',
      );
    }
  }
}

/** 'ok', 'no-listener' (nothing on :9094), 'rejected' (no such credential), or another failure's message. */
type LoginOutcome = string;

async function tryScramLogin(
  credentials: ScramCredentials,
  mechanism: (typeof MECHANISMS)[number],
): Promise<LoginOutcome> {
  const cluster = createKafkaCluster({
    clientId: 'saga-stack-scram-check',
    connection: {
      brokers: [`127.0.0.1:${SCRAM_PORT}`],
      sasl: { mechanism: mechanism === 'SCRAM-SHA-256' ? 'scram-sha-256' : 'scram-sha-512', ...credentials },
    },
    connectionTimeoutMs: 2000,
    authenticationTimeoutMs: 3000,
    requestTimeoutMs: 3000,
    retries: 0,
  });
  try {
    await withAdmin(cluster, (admin) => admin.describeCluster());
    return 'ok';
  } catch (error) {
    switch (kafkaErrorKind(error)) {
      case 'connection-refused':
        return 'no-listener';
      case 'authentication-failed':
        return 'rejected';
      default:
        return (error as Error).message;
    }
  }
}

async function addScramCredential(
  command: JavaCommand,
  credentials: ScramCredentials,
  mechanism: (typeof MECHANISMS)[number],
): Promise<void> {
  try {
    await promisify(execFile)(
      command.java,
      [
        command.log4j,
        '-cp',
        command.classpath,
        'kafka.admin.ConfigCommand',
        '--bootstrap-server',
        '127.0.0.1:9092',
        '--alter',
        '--add-config',
        `${mechanism}=[password=${credentials.password}]`,
        '--entity-type',
        'users',
        '--entity-name',
        credentials.username,
      ],
      { timeout: 120_000 },
    );
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; code?: unknown; signal?: unknown };
    const output = (failed.stderr?.trim() || failed.stdout?.trim() || '').split('\n').slice(-3).join(' ');
    // Neither the error nor its message is passed on: both hold the command line, password included.
    throw new StackError(
      'START_FAILED',
      `adding the ${mechanism} credential of "${credentials.username}" with kafka.admin.ConfigCommand failed (exit ${String(failed.code ?? failed.signal)}): ${output || 'no output'}`,
      'read .stack/logs/kafka.log; `npm run stack:reset` formats a fresh broker with the user',
    );
  }
}

async function readCredentials(paths: StackPaths): Promise<ScramCredentials | undefined> {
  let text: string;
  try {
    text = await readFile(scramCredentialsFile(paths), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<ScramCredentials>;
  if (typeof parsed.username !== 'string' || typeof parsed.password !== 'string') {
    throw new StackError(
      'START_FAILED',
      `${scramCredentialsFile(paths)} does not hold {"username", "password"}`,
      'delete it and run `npm run stack:reset`, which formats a fresh broker with a new SCRAM user',
    );
  }
  return { username: parsed.username, password: parsed.password };
}
