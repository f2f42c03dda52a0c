import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { repoRoot } from '@saga/config';
import { createTestNamespace, freePort, type TestNamespace } from '@saga/testing';

const cli = join(repoRoot, 'stack', 'bin', 'saga-stack.js');
const services = ['order_service', 'orchestrator_service', 'inventory_service', 'payment_service'];

/**
 * `npm start` in one terminal and `npm run stop` (or Ctrl-C) in another: everything stops, nothing is
 * restarted, no process is left. The stack runs its four services for real, on the running
 * infrastructure (external to it, so only the services are its own), in a STACK_HOME, topics,
 * groups and databases of the test's own; afterwards no process carries that STACK_HOME.
 */
describe('stopping a foreground stack (npm start)', function () {
  this.timeout(240_000);
  let ns: TestNamespace;
  let home: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    ns = await createTestNamespace('stack-stop-while-started');
    home = await mkdtemp(join(tmpdir(), 'saga-stack-stop-'));
    const dbPrefix = ns.dbName('x').slice(0, -1);
    for (const service of services) ns.dbName(service);
    const [order, orchestrator, inventory, payment] = await Promise.all(services.map(() => freePort()));
    env = {
      ...ns.env,
      STACK_HOME: home,
      // Set: the stack leaves them to the outside world and starts only the services.
      KAFKA_BROKERS: ns.config.kafka.brokers.join(','),
      SCHEMA_REGISTRY_URL: ns.config.registry.url,
      MONGO_URL: ns.config.mongo.url,
      MONGO_DB_PREFIX: dbPrefix,
      ORDER_SERVICE_PORT: String(order),
      ORCHESTRATOR_SERVICE_PORT: String(orchestrator),
      INVENTORY_SERVICE_PORT: String(inventory),
      PAYMENT_SERVICE_PORT: String(payment),
      LOG_LEVEL: 'warn',
    };
  });
  after(async () => {
    await run(['stop'], env).catch(() => undefined);
    await ns.close();
    await rm(home, { recursive: true, force: true });
  });

  /** `saga-stack start` in the foreground, resolved once it says it is running. */
  async function startForeground(): Promise<{ child: ChildProcess; output: () => string }> {
    const child = spawn(process.execPath, [cli, 'start'], { cwd: repoRoot, env, stdio: 'pipe' });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
    }
    const began = Date.now();
    while (!output.includes('running; press Ctrl-C to stop everything')) {
      if (child.exitCode !== null) throw new Error(`saga-stack start exited early:\n${output}`);
      if (Date.now() - began > 150_000) throw new Error(`saga-stack start did not come up:\n${output}`);
      await sleep(250);
    }
    return { child, output: () => output };
  }

  /** The processes that carry this test's STACK_HOME: the stack and everything it started. */
  const processesOfThisStack = () =>
    readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`STACK_HOME=${home}`);
        } catch {
          return false;
        }
      });

  /** Waits past the supervisor's poll and first backoff, so a restart it made would show. */
  const afterSupervisorWouldHaveActed = () => sleep(5_000);

  it('`npm run stop` from another terminal stops everything, restarts nothing, and leaves no process', async () => {
    const { child, output } = await startForeground();
    expect(processesOfThisStack().length).to.be.at.least(5);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    const stop = await run(['stop'], env);

    expect(stop.code, stop.output).to.equal(0);
    expect(await exited, output()).to.equal(0);
    await afterSupervisorWouldHaveActed();
    expect(processesOfThisStack(), output()).to.deep.equal([]);
    expect(output()).to.not.contain('restarting in');
  });

  it('Ctrl-C (SIGINT) does the same', async () => {
    const { child, output } = await startForeground();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    child.kill('SIGINT');

    expect(await exited, output()).to.equal(0);
    await afterSupervisorWouldHaveActed();
    expect(processesOfThisStack(), output()).to.deep.equal([]);
  });
});

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env, stdio: 'pipe' });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
    }
    child.once('exit', (code) => {
      resolve({ code, output });
    });
  });
}
