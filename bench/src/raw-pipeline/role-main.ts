/**
 * One role of the raw pipeline as a process of its own, started by the raw-pipeline section with an
 * IPC channel: it waits for `init`, then does what each command says and answers it (role-protocol).
 * The section owns the run: this process ignores Ctrl-C (the section stops it after cleaning up) and
 * exits when the section goes away, so it never outlives it.
 */
import { BaselineRole, type OrderDriver } from '@saga/events/raw-baseline';
import { createLogger, type Logger } from '@saga/logging';
import type { RoleCommand, RoleReply, RoleRequest } from './role-protocol.ts';

interface Running {
  readonly role: BaselineRole;
  readonly logger: Logger;
}

let running: Running | undefined;

function reply(message: RoleReply): void {
  process.send?.(message);
}

async function init(command: Extract<RoleCommand, { kind: 'init' }>): Promise<void> {
  const logger = createLogger(`bench-raw-${command.role}`, command.logLevel);
  const role = await BaselineRole.start({
    role: command.role,
    connection: command.kafka,
    groupId: command.groupId,
    routes: command.routes,
    ...(command.firstTopic === undefined ? {} : { firstTopic: command.firstTopic }),
    logger,
    onFatal: (error) => {
      logger.fatal({ err: error }, 'consumer crashed and will not restart; the role exits');
      process.exit(1);
    },
  });
  running = { role, logger };
  logger.info({ groupId: command.groupId, routes: command.routes }, 'role ready');
}

function need(): Running {
  if (!running) throw new Error('the role was sent a command before init');
  return running;
}

function driverOf(running: Running): OrderDriver {
  const driver = running.role.orders;
  if (!driver) throw new Error('only the order role starts pipelines');
  return driver;
}

async function execute(command: RoleCommand): Promise<unknown> {
  switch (command.kind) {
    case 'init':
      return init(command);
    case 'consume':
      return need().role.consume(command.settings);
    case 'burst':
      return driverOf(need()).burst(command.count, command.idPrefix);
    case 'rate':
      return driverOf(need()).rate(command.perSecond, command.seconds, command.idPrefix);
    case 'stop': {
      const stopping = running;
      running = undefined;
      await stopping?.role.stop();
      return undefined;
    }
  }
}

process.on('message', (request: RoleRequest) => {
  execute(request).then(
    (result) => {
      reply({ kind: 'done', id: request.id, result });
      if (request.kind === 'stop') process.disconnect();
    },
    (error: unknown) => {
      const e = error as { code?: unknown; name?: string; message?: string };
      running?.logger.error({ err: error, command: request.kind }, 'command failed');
      reply({
        kind: 'failed',
        id: request.id,
        code: typeof e.code === 'string' ? e.code : (e.name ?? 'Error'),
        message: e.message ?? String(error),
      });
    },
  );
});
// The section handles Ctrl-C: it stops the roles once it has cleaned up.
process.on('SIGINT', () => undefined);
// Without its section, a role has nothing to do: it must not linger in the group or on the machine.
process.on('disconnect', () => {
  void Promise.race([
    execute({ kind: 'stop' }),
    new Promise((resolve) => setTimeout(resolve, 5_000)),
  ]).finally(() => process.exit(0));
});
reply({ kind: 'ready' });
