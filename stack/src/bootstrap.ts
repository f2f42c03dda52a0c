import { Topics } from '@saga/contracts';
import { createKafkaCluster, ensureTopics, kafkaClientOptions } from '@saga/events';
import { registerRepositorySchemas } from '@saga/schema-tools';
import type { PieceContext } from './pieces/piece.ts';
import { StackError } from './stack-error.ts';

/** A step that readies the infrastructure for the platform once every piece answers. Idempotent. */
export interface BootstrapTask {
  readonly name: string;
  run(ctx: PieceContext): Promise<void>;
}

/**
 * What `npm start` (and `npm test`) do once the stack is up: the topics exist, and every schema is
 * registered under its subject with its compatibility mode, so services only verify, never register.
 */
export const bootstrapTasks: readonly BootstrapTask[] = [
  {
    name: 'topics',
    async run(ctx) {
      const kafka = createKafkaCluster({
        clientId: 'saga-stack',
        connection: kafkaClientOptions(ctx.config),
      });
      const created = await ensureTopics(
        kafka,
        Object.values(Topics).map((topic) => ({ topic })),
        { topicPrefix: ctx.config.kafka.topicPrefix },
      );
      ctx.reporter.info(
        'topics',
        created.length > 0
          ? `created ${created.join(', ')}`
          : `all ${Object.values(Topics).length} exist, each with its .dlq dead-letter topic`,
      );
    },
  },
  {
    name: 'schemas',
    async run(ctx) {
      const results = await registerRepositorySchemas({
        registryUrl: ctx.config.registry.url,
        auth: ctx.config.registry.auth,
        reporter: {
          info: (line) => {
            ctx.reporter.info('schemas', line.replace(/^\[schemas\] /, ''));
          },
        },
      });
      const rejected = results.filter((r) => r.outcome === 'rejected').map((r) => r.subject);
      if (rejected.length > 0) {
        throw new StackError(
          'BOOTSTRAP_FAILED',
          `the registry rejected the schemas of ${rejected.join(', ')} as incompatible with what it holds`,
          'run `npm run schemas:check` to see each violation and its fix; on a throwaway local stack `npm run stack:reset` starts the registry empty',
        );
      }
    },
  },
];

export async function runBootstrap(ctx: PieceContext, tasks = bootstrapTasks): Promise<void> {
  for (const task of tasks) {
    try {
      await task.run(ctx);
    } catch (error) {
      if (error instanceof StackError) throw error;
      throw new StackError(
        'BOOTSTRAP_FAILED',
        `bootstrap step "${task.name}" failed: ${(error as Error).message}`,
        'read the message above; the stack itself is up, so fix the cause and start again',
        { cause: error },
      );
    }
  }
}
