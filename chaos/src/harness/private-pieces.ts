import { kafkaPiece, pieces, postgresPiece, storePiece, type Piece, type PieceContext } from '@saga/stack';

/** Ports of the private infrastructure, away from the stack's 9092/9093, 8081/8091, 27432 and 27017. */
export const privatePorts = {
  kafka: 19392,
  kafkaController: 19393,
  registry: 18381,
  registryManagement: 18391,
  postgres: 25432,
  store: 27317,
} as const;

function stackPiece(name: string): Piece {
  const piece = pieces.find((p) => p.name === name);
  if (!piece) throw new Error(`the stack has no piece named ${name}`);
  return piece;
}

/**
 * The stack's four pieces, launched on the private ports: provisioning and probing are the stack's
 * own (the probes read the addresses from the private configuration); only the launch differs.
 */
export function privatePieces(): Piece[] {
  const registry = stackPiece('registry');
  // The private configuration names these pieces in KAFKA_BROKERS, SCHEMA_REGISTRY_URL and MONGO_URL,
  // which would make them external.
  const local = { isExternal: () => false } as const;

  // The stack's Kafka on other ports, without the SCRAM listener (its port is the stack's).
  const privateKafka: Piece = {
    ...kafkaPiece({ port: privatePorts.kafka, controllerPort: privatePorts.kafkaController, scram: false }),
    ...local,
  };

  // Its own PostgreSQL (data under the private STACK_HOME), under its own FerretDB.
  const privatePostgres = postgresPiece({ port: privatePorts.postgres, ...local });
  const privateStore: Piece = {
    ...storePiece({ port: privatePorts.store, postgresPort: privatePorts.postgres }),
    ...local,
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
  return [privateKafka, privateRegistry, privatePostgres, privateStore];
}
