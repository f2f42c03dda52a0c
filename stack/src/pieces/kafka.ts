import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@saga/config';
import { createKafkaCluster, kafkaClientOptions, type KafkaAdmin } from '@saga/events';
import { download, exists } from '../provision/download.ts';
import { mavenUrl, type MavenFile } from '../provision/maven.ts';
import { javaRequirement } from '../prerequisites/java-requirement.ts';
import { StackError } from '../stack-error.ts';
import {
  ensureScramUser,
  ensureLocalScramCredentials,
  SCRAM_PORT,
  scramFormatArgs,
  scramListenerProperties,
} from './kafka-scram.ts';
import type { Piece, PieceContext } from './piece.ts';

const VERSION = '3.9.2';
/** Kafka 3.9 supports Java 17 to 23. Without one on the machine, the stack provisions a Java 21. */
const java = javaRequirement(17);
const assets = join(repoRoot, 'stack', 'kafka');
/** Every runtime jar of kafka_2.13 plus a logging binding, pinned by SHA-1 (see stack/kafka/README.md). */
const jars = JSON.parse(readFileSync(join(assets, 'jars.lock.json'), 'utf8')) as MavenFile[];
const libOf = (ctx: PieceContext) => join(ctx.paths.cache, `kafka-${VERSION}`, 'lib');

/** Where a Kafka node listens. */
export interface KafkaListeners {
  /** PLAINTEXT, for the services and tools. */
  readonly port: number;
  /** The KRaft controller. */
  readonly controllerPort: number;
  /** Whether to open the SASL/SCRAM listener on SCRAM_PORT and set up its user (see kafka-scram.ts). */
  readonly scram: boolean;
}

/**
 * Apache Kafka 3.9 as a single KRaft node (broker and controller in one JVM), run from Maven Central jars.
 * 3.9 keeps every protocol version kafkajs (the client behind @saga/events) speaks; 4.x removed some
 * (KIP-896; see docs/architecture.md, "The Kafka client"). The stack's node listens on 9092
 * (PLAINTEXT) and 9094 (SASL/SCRAM); another node on other ports (the chaos harness's private one)
 * shares its jars and Java and differs only in its listeners and data folder.
 */
export function kafkaPiece(listeners: KafkaListeners): Piece {
  const { port, controllerPort, scram } = listeners;
  return {
    name: 'kafka',
    title: `Apache Kafka ${VERSION}`,
    variable: 'KAFKA_BROKERS',
    ports: [port, controllerPort, ...(scram ? [SCRAM_PORT] : [])],
    readyTimeoutMs: 90_000,
    address: (config) => config.kafka.brokers.join(','),
    isExternal: (config) => config.external.kafka,

    checkPrerequisites: (ctx) => java.check(ctx),

    async provision(ctx) {
      // Memoised: when the registry provisions the same runtime in parallel, it is downloaded once.
      await java.provision(ctx);
      const lib = libOf(ctx);
      const missing = [];
      for (const jar of jars) if (!(await exists(join(lib, jar.file)))) missing.push(jar);
      if (missing.length === 0) return;
      const total = missing.reduce((n, j) => n + (j.size ?? 0), 0);
      ctx.reporter.info('kafka', `downloading ${missing.length} jars from Maven Central`);
      let done = 0;
      const queue = [...missing];
      const worker = async () => {
        for (let jar = queue.shift(); jar; jar = queue.shift()) {
          let counted = 0;
          await download({
            url: mavenUrl(jar),
            dest: join(lib, jar.file),
            sha1: jar.sha1,
            onBytes: (bytes) => {
              done += bytes - counted;
              counted = bytes;
              ctx.reporter.progress('kafka', 'jars', done, total, 'bytes');
            },
          });
        }
      };
      await Promise.all(Array.from({ length: 6 }, worker));
    },

    async prepare(ctx) {
      const data = ctx.paths.dataOf('kafka');
      const logDir = join(data, 'logs');
      await mkdir(logDir, { recursive: true });
      const properties = join(data, 'server.properties');
      await writeFile(properties, serverProperties(logDir, listeners));
      const { java: javaPath, classpath, log4j } = await javaCommand(ctx);
      if (!(await exists(join(logDir, 'meta.properties')))) {
        // A new log directory gets the SCRAM user with its first metadata; older ones get it in afterReady.
        const user = scram ? scramFormatArgs(await ensureLocalScramCredentials(ctx.paths)) : [];
        await format(javaPath, classpath, log4j, properties, await clusterId(data), user);
      }
      return {
        command: javaPath,
        args: ['-Xms256m', '-Xmx512m', '-XX:+UseG1GC', log4j, '-cp', classpath, 'kafka.Kafka', properties],
        signature: properties,
      };
    },

    async afterReady(ctx) {
      if (!scram || ctx.config.external.kafka) return;
      try {
        await ensureScramUser(ctx, await javaCommand(ctx));
      } catch (error) {
        // Only the optional SCRAM listener is affected: the stack and the PLAINTEXT listener are fine.
        const fix = error instanceof StackError ? ` (fix: ${error.fix})` : '';
        ctx.reporter.info(
          'kafka',
          `SCRAM listener on :${SCRAM_PORT} not usable: ${(error as Error).message}${fix}`,
        );
      }
    },

    async probe(config) {
      let admin: KafkaAdmin | undefined;
      try {
        // The local broker is probed on its PLAINTEXT listener; an external one as the services reach it.
        const connection = config.external.kafka
          ? kafkaClientOptions(config)
          : { brokers: [...config.kafka.brokers] };
        admin = await createKafkaCluster({
          clientId: 'saga-stack-probe',
          connection,
          connectionTimeoutMs: 1500,
          requestTimeoutMs: 3000,
          retries: 0,
        }).admin();
        const cluster = await admin.describeCluster();
        return { ok: true, detail: `cluster ${cluster.clusterId}, ${cluster.brokers.length} broker(s)` };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      } finally {
        await admin?.disconnect().catch(() => undefined);
      }
    },
  };
}

/** The local stack's Kafka. */
export const kafka: Piece = kafkaPiece({ port: 9092, controllerPort: 9093, scram: true });

function serverProperties(logDir: string, { port, controllerPort, scram }: KafkaListeners): string {
  const sasl = scram ? scramListenerProperties() : undefined;
  const extra = (value: string | undefined) => (value ? `,${value}` : '');
  return `# Written by saga-stack at every start; edit stack/src/pieces/kafka.ts instead.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controllerPort}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}${extra(sasl?.listener)}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}${extra(sasl?.listener)}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT${extra(sasl?.protocolMapEntry)}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=${logDir}
# One node: no topic can have more than one replica.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# One partition for internal topics instead of 50: the first consumer group starts in a blink.
offsets.topic.num.partitions=1
transaction.state.log.num.partitions=1
num.network.threads=2
num.io.threads=4
# Consumers join at once instead of waiting 3s for more members.
group.initial.rebalance.delay.ms=0
# Partitions let one topic be consumed in parallel while keys (order ids) keep per-order ordering.
num.partitions=3
# Topics are created deliberately by the platform; a typo must not silently create a new topic.
auto.create.topics.enable=false
${sasl?.lines ?? ''}
`;
}

/** The cluster id is made once and kept with the data, so a restart reuses the formatted log directory. */
async function clusterId(data: string): Promise<string> {
  const file = join(data, 'cluster-id');
  if (await exists(file)) {
    const kept = (await readFile(file, 'utf8')).trim();
    // One starting with "-" could never have formatted a log directory (see newClusterId).
    if (!kept.startsWith('-')) return kept;
  }
  const id = newClusterId();
  await writeFile(file, `${id}\n`);
  return id;
}

/**
 * Kafka's Uuid: 16 random bytes in URL-safe base64 without padding. Like Kafka's own
 * `Uuid.randomUuid`, never one that starts with "-": the storage tool's argument parser would read
 * `-t -Gri…` as an option and refuse to format (one id in 64 would).
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** The Java, classpath and logging flag every Kafka tool of the stack runs with. */
async function javaCommand(ctx: PieceContext) {
  return {
    java: (await java.find(ctx)).path,
    classpath: `${libOf(ctx)}/*`,
    log4j: `-Dlog4j.configuration=file:${join(assets, 'log4j.properties')}`,
  };
}

async function format(
  java: string,
  classpath: string,
  log4j: string,
  properties: string,
  id: string,
  extra: readonly string[],
) {
  try {
    await promisify(execFile)(
      java,
      [
        log4j,
        '-cp',
        classpath,
        'kafka.tools.StorageTool',
        'format',
        '-t',
        id,
        '-c',
        properties,
        '--ignore-formatted',
        ...extra,
      ],
      { timeout: 120_000 },
    );
  } catch (error) {
    throw new StackError(
      'START_FAILED',
      `formatting the Kafka log directory failed: ${(error as { stderr?: string }).stderr?.trim() ?? (error as Error).message}`,
      'run `npm run stack:reset` to start from empty data, then start again',
      { cause: error },
    );
  }
}
