import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@saga/config';
import { pieces, type Piece, type PieceContext } from '@saga/stack';
import { findJava } from './find-java.ts';

/** Ports of the private infrastructure, away from the stack's 9092/9093, 8081/8091 and 27017. */
export const privatePorts = {
  kafka: 19392,
  kafkaController: 19393,
  registry: 18381,
  registryManagement: 18391,
  store: 27317,
} as const;

const KAFKA_VERSION = '3.9.2';

function stackPiece(name: string): Piece {
  const piece = pieces.find((p) => p.name === name);
  if (!piece) throw new Error(`the stack has no piece named ${name}`);
  return piece;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * The stack's three pieces, launched on the private ports: provisioning and probing are the stack's
 * own (the probes read the addresses from the private configuration); only the launch differs.
 */
export function privatePieces(): Piece[] {
  const kafka = stackPiece('kafka');
  const registry = stackPiece('registry');
  const store = stackPiece('store');
  const local = { isExternal: () => false } as const;

  const privateKafka: Piece = {
    ...kafka,
    ...local,
    ports: [privatePorts.kafka, privatePorts.kafkaController],
    // The stack's afterReady sets up its SCRAM user on :9094; the private broker has no such listener.
    afterReady: () => Promise.resolve(),
    async prepare(ctx: PieceContext) {
      const data = ctx.paths.dataOf('kafka');
      const logDir = join(data, 'logs');
      await mkdir(logDir, { recursive: true });
      const properties = join(data, 'server.properties');
      await writeFile(properties, serverProperties(logDir));
      const java = await findJava(17, 23, ctx.paths.cache);
      const classpath = `${join(ctx.paths.cache, `kafka-${KAFKA_VERSION}`, 'lib')}/*`;
      const log4j = `-Dlog4j.configuration=file:${join(repoRoot, 'stack', 'kafka', 'log4j.properties')}`;
      if (!(await exists(join(logDir, 'meta.properties')))) {
        const id = randomBytes(16).toString('base64url');
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
          ],
          { timeout: 120_000 },
        );
      }
      return {
        command: java,
        args: ['-Xms256m', '-Xmx512m', '-XX:+UseG1GC', log4j, '-cp', classpath, 'kafka.Kafka', properties],
        signature: properties,
      };
    },
  };

  const privateStore: Piece = {
    ...store,
    ...local,
    ports: [privatePorts.store],
    async prepare(ctx: PieceContext) {
      const spec = await store.prepare(ctx);
      return {
        ...spec,
        args: spec.args.map((arg) => (arg === '127.0.0.1:27017' ? `127.0.0.1:${privatePorts.store}` : arg)),
        signature: ctx.paths.dataOf('store'),
      };
    },
  };

  const privateRegistry: Piece = {
    ...registry,
    ...local,
    ports: [privatePorts.registry, privatePorts.registryManagement],
    async prepare(ctx: PieceContext) {
      const spec = await registry.prepare(ctx);
      return {
        ...spec,
        // The data path makes the command line this registry's own, unlike the jar path.
        args: [`-Dchaos.data=${ctx.paths.dataOf('registry')}`, ...spec.args],
        env: {
          ...spec.env,
          QUARKUS_HTTP_PORT: String(privatePorts.registry),
          QUARKUS_MANAGEMENT_PORT: String(privatePorts.registryManagement),
        },
        signature: ctx.paths.dataOf('registry'),
      };
    },
  };
  return [privateKafka, privateRegistry, privateStore];
}

function serverProperties(logDir: string): string {
  const { kafka, kafkaController } = privatePorts;
  return `# Written by the chaos harness at every start (chaos/src/harness/private-pieces.ts).
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${kafkaController}
listeners=PLAINTEXT://127.0.0.1:${kafka},CONTROLLER://127.0.0.1:${kafkaController}
advertised.listeners=PLAINTEXT://127.0.0.1:${kafka}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=${logDir}
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
offsets.topic.num.partitions=1
transaction.state.log.num.partitions=1
num.network.threads=2
num.io.threads=4
group.initial.rebalance.delay.ms=0
num.partitions=3
auto.create.topics.enable=false
`;
}
