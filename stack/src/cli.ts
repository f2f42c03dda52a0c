import { spawn } from 'node:child_process';
import { ConfigError, loadConfig } from '@saga/config';
import { stackPaths } from './paths.ts';
import { pieces, servicePieces } from './pieces/index.ts';
import type { PieceContext } from './pieces/piece.ts';
import { Platform } from './platform.ts';
import { consoleReporter } from './reporter.ts';
import { resolveStackTokens, type ResolvedTokens } from './secrets/stack-tokens.ts';
import { TOKEN_USAGE, tokenCommand } from './secrets/token-command.ts';
import type { PieceStatus } from './stack.ts';
import { Supervisor } from './supervisor.ts';
import { forgetForeground, recordForeground, stopForeground } from './process/foreground.ts';
import { StackError } from './stack-error.ts';

const USAGE = `usage: saga-stack <command>
  start         start the stack in the foreground; Ctrl-C stops it
  up [--infra]  start the stack in the background and return once it is ready
                (with --infra: only the infrastructure, topics and schemas)
  stop          stop everything the stack started
  status        show what runs where, and whether it answers
  reset         stop, then wipe all data and logs (downloads and builds are kept);
                this deletes the generated tokens and JWT secret too (new ones at the next start)
  with [--infra] -- CMD
                make sure the stack is up (with --infra: only the infrastructure), run CMD
                (with the services: OPS_TOKENS, ADMIN_TOKENS and AUTH_JWT_SECRET in its
                environment), then stop what this started
  token --sub ID [--role R]... [--ttl 1h]
                print a JWT the services accept (see \`npm run token -- --help\`)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  if (command === 'token') {
    if (rest.includes('--help')) {
      console.log(TOKEN_USAGE);
      return 0;
    }
    // Only the token on stdout, so that $(npm run -s token -- ...) captures it.
    console.log(await tokenCommand(rest, config));
    return 0;
  }
  const ctx: PieceContext = { config, paths: stackPaths(config.stack.home), reporter: consoleReporter() };
  const stack = new Platform(pieces, servicePieces(config), ctx);
  switch (command) {
    case 'up': {
      const services = rest[0] !== '--infra';
      const tokens = services ? await resolveStackTokens(ctx.paths.home, process.env) : undefined;
      await timed('stack', ctx, () => stack.up({ services }));
      printTable(await stack.status(), ctx);
      if (tokens) announceTokens(tokens, ctx);
      return 0;
    }
    case 'start':
      return startForeground(stack, ctx);
    case 'stop': {
      // A foreground `npm start` would restart what this stops: it is asked to stop everything itself.
      const foreground = await stopForeground(ctx.paths);
      if (foreground !== undefined) {
        ctx.reporter.info('stack', `the foreground stack (npm start, pid ${foreground}) stopped everything`);
      }
      await stack.stop();
      ctx.reporter.info('stack', 'stopped');
      return 0;
    }
    case 'status': {
      const statuses = await stack.status();
      printTable(statuses, ctx);
      return statuses.every((s) => s.ready) ? 0 : 3;
    }
    case 'reset':
      await stopForeground(ctx.paths);
      await stack.reset();
      ctx.reporter.info(
        'stack',
        `wiped ${ctx.paths.data} (with the generated bearer tokens: new ones at the next start) and ${ctx.paths.logs}`,
      );
      return 0;
    case 'with': {
      const infraOnly = rest[0] === '--infra';
      const args = infraOnly ? rest.slice(1) : rest;
      const cmd = args[0] === '--' ? args.slice(1) : args;
      if (cmd.length === 0) throw new StackError('USAGE', '`with` needs a command', USAGE);
      if (infraOnly) await stack.refuseRunningServices();
      const tokens = infraOnly ? undefined : await resolveStackTokens(ctx.paths.home, process.env);
      const started = await timed('stack', ctx, () => stack.up({ services: !infraOnly }));
      if (tokens) announceTokens(tokens, ctx);
      let code: number;
      try {
        // The command talks to the services, so it gets the tokens they accept.
        code = await runInherited(cmd, tokens ? { ...process.env, ...tokens.env } : process.env);
      } finally {
        if (started.length > 0) await stack.stop(started);
      }
      return code;
    }
    default:
      throw new StackError('USAGE', command ? `unknown command "${command}"` : 'no command given', USAGE);
  }
}

/** Foreground mode: bring the stack up, restart a piece that dies, and stop everything on Ctrl-C. */
async function startForeground(stack: Platform, ctx: PieceContext): Promise<number> {
  // Ctrl-C also ends whatever reads our output (a pipe to tee, say): losing the terminal must not
  // stop the shutdown half way, so write errors on a closed stdout or stderr are dropped.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const supervisor = new Supervisor(stack, ctx);
  let stopping = false;
  const stopAll = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.reporter.info('stack', `${signal}: stopping`);
    // A restart may be under way: stopping kills what it started (so it ends quickly), and the
    // second stop catches anything it started in between.
    supervisor.stop();
    await stack.stop();
    await supervisor.settled();
    await stack.stop();
    await forgetForeground(ctx.paths);
    process.exit(0);
  };
  process.on('SIGINT', () => void stopAll('SIGINT'));
  process.on('SIGTERM', () => void stopAll('SIGTERM'));
  process.on('SIGHUP', () => void stopAll('SIGHUP'));

  await recordForeground(ctx.paths);
  const tokens = await resolveStackTokens(ctx.paths.home, process.env);
  await timed('stack', ctx, () => stack.up());
  printTable(await stack.status(), ctx);
  announceTokens(tokens, ctx);
  ctx.reporter.info('stack', 'running; press Ctrl-C to stop everything');
  supervisor.start();
  // The supervisor's timers keep the process alive; a signal ends it through stopAll.
  return new Promise<number>(() => undefined);
}

async function timed<T>(piece: string, ctx: PieceContext, task: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await task();
  ctx.reporter.info(piece, `ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return result;
}

function printTable(statuses: readonly PieceStatus[], ctx: PieceContext): void {
  const rows = statuses.map((s) => [
    s.piece.name,
    s.ready ? 'up' : s.running ? 'not answering' : 'down',
    s.mode === 'external' ? `external (${s.piece.variable})` : s.pid ? `local, pid ${s.pid}` : 'local',
    s.piece.address(ctx.config),
    s.mode === 'local' ? ctx.paths.logOf(s.piece.name) : '-',
  ]);
  const header = ['piece', 'state', 'mode', 'address', 'log'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));
  for (const s of statuses.filter((x) => !x.ready)) console.log(`  ${s.piece.name}: ${s.detail}`);
}

/**
 * Says where the services' bearer tokens are and how to use them; the tokens themselves are not
 * printed (terminal output ends up in CI logs and shared screens).
 */
function announceTokens(tokens: ResolvedTokens, ctx: PieceContext): void {
  if (!tokens.file) {
    ctx.reporter.info(
      'tokens',
      'the services take OPS_TOKENS, ADMIN_TOKENS and AUTH_JWT_SECRET from the environment',
    );
    return;
  }
  const port = ctx.config.services.order.port;
  ctx.reporter.info(
    'tokens',
    `${tokens.file} (${tokens.generated ? 'generated now' : 'kept from an earlier start'}; mode 600)`,
  );
  ctx.reporter.info(
    'tokens',
    `a customer's token: CUSTOMER=$(npm run -s token -- --sub alice --role customer) && ` +
      `curl -H "Authorization: Bearer $CUSTOMER" http://127.0.0.1:${port}/orders`,
  );
  ctx.reporter.info(
    'tokens',
    `service accounts: . ${tokens.file}, then $ADMIN_TOKEN (stock, accounts, anything) or $OPS_TOKEN (reads)`,
  );
}

function runInherited(cmd: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const [program = '', ...args] = cmd;
    const child = spawn(program, args, { stdio: 'inherit', shell: false, env });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    process.on('SIGTERM', forward('SIGTERM'));
    // SIGINT from a terminal already reaches the child (same process group); just don't die before it.
    process.on('SIGINT', () => undefined);
    child.on('error', (error) => {
      console.error(`saga-stack: could not run ${program}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof StackError) {
    console.error(`saga-stack: ${error.message} — fix: ${error.fix}`);
  } else if (error instanceof ConfigError) {
    console.error(`saga-stack: ${error.message}`);
  } else {
    console.error('saga-stack: unexpected failure', error);
  }
  process.exitCode = 1;
}
