import { join } from 'node:path';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { loadConfig } from '@saga/config';
import { checkRun, formatReport } from '../src/checker/index.ts';
import { waitForDrain } from '../src/harness/drain.ts';
import {
  privateInfrastructure,
  stackInfrastructure,
  type Infrastructure,
  type InfrastructurePiece,
} from '../src/harness/infrastructure.ts';
import { platformApi, type ApiResult } from '../src/harness/platform-api.ts';
import { PlatformUnderTest } from '../src/harness/platform-under-test.ts';
import { seededRandom } from '../src/harness/random.ts';
import { readSnapshot } from '../src/harness/read-snapshot.ts';
import { createScenario } from '../src/harness/scenario.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns true; false when `timeoutMs` passes first. */
async function eventually(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await sleep(500);
  }
  return false;
}

/**
 * Each piece of infrastructure goes away for a while under the four real services, orders keep
 * coming, and once it is back every accepted order must end as its inputs allow, with nothing lost
 * or applied twice (the chaos checker judges the databases).
 *
 * CHAOS_INFRASTRUCTURE=private runs on a Kafka, registry and store of the harness's own (other ports).
 */
describe('outages', function () {
  this.timeout(240_000);
  const base = loadConfig();
  const log = (line: string) => {
    console.log(`      ${line}`);
  };
  const infra: Infrastructure =
    process.env.CHAOS_INFRASTRUCTURE === 'private'
      ? privateInfrastructure(base, log)
      : stackInfrastructure(base, log);
  const seed = Date.now() % 1_000_000_007;
  const scenario = createScenario(`OUT${seed.toString(36).toUpperCase()}`, seededRandom(seed));
  const platform = new PlatformUnderTest({
    logDir: join(base.stack.home, 'logs', 'outage'),
    env: infra.serviceEnv,
  });
  const mongo = new MongoClient(infra.config.mongo.url, { serverSelectionTimeoutMS: 5_000 });
  const accepted: string[] = [];

  /** Places one order with a single POST (no retry): the answer is what is being tested. */
  const place = async (): Promise<ApiResult> => {
    const result = await platformApi.placeOrder(scenario.nextOrder(), `outage-${crypto.randomUUID()}`);
    if (result.status === 202) accepted.push((result.body as { orderId: string }).orderId);
    return result;
  };
  const orderServiceReady = async () => (await platformApi.readyz('order-service')).status === 200;

  /** Places an order every 2 s for `ms`, and returns the answers. */
  const placeFor = async (ms: number): Promise<ApiResult[]> => {
    const answers: ApiResult[] = [];
    const until = Date.now() + ms;
    while (Date.now() < until) {
      answers.push(await place());
      await sleep(2_000);
    }
    return answers;
  };

  const expectEverythingEnded = async () => {
    const drained = await waitForDrain(mongo, scenario.scope(), accepted, {
      timeoutMs: 120_000,
      onProgress: log,
    });
    const report = checkRun(scenario.inputs(accepted), await readSnapshot(mongo, scenario.scope()));
    expect(drained, 'every accepted order ended and every outbox emptied').to.not.equal(null);
    expect(report.faults, formatReport(report).join('\n')).to.deep.equal([]);
  };

  before(async function () {
    this.timeout(300_000);
    await infra.up({ fresh: infra.isPrivate });
    await platform.start();
    for (const [sku, units] of Object.entries(scenario.stock)) {
      expect((await platformApi.putStock(sku, units)).status).to.be.oneOf([200, 201]);
    }
    for (const [customer, balance] of Object.entries(scenario.balances)) {
      expect((await platformApi.putAccount(customer, balance)).status).to.be.oneOf([200, 201]);
    }
  });

  after(async function () {
    this.timeout(120_000);
    await platform.stop();
    await mongo.close();
    // Whatever a failed test left stopped is started again: the stack is left as it was found.
    for (const piece of ['kafka', 'registry', 'store'] as const) await infra.start(piece);
    if (process.env.CHAOS_INFRASTRUCTURE === 'private') await infra.down();
  });

  const outage = (piece: InfrastructurePiece) => async () => {
    expect(infra.isLocal(piece), `${piece} must be the harness's to stop (not external)`).to.equal(true);
    await infra.stop(piece);
    return () => infra.start(piece);
  };

  it('takes orders (202) while Kafka is down for 20 s, reports not ready, and completes them all once it is back', async () => {
    const restore = await outage('kafka')();
    try {
      const notReady = eventually(async () => !(await orderServiceReady()), 15_000);
      const answers = await placeFor(20_000);
      expect(await notReady, '/readyz answers 503 while Kafka is down').to.equal(true);
      expect(answers.map((a) => a.status)).to.satisfy((statuses: number[]) =>
        statuses.every((s) => s === 202),
      );
    } finally {
      await restore();
    }
    expect(await eventually(orderServiceReady, 90_000), '/readyz answers 200 again').to.equal(true);
    await expectEverythingEnded();
  });

  it('takes orders while the registry is down, and completes them all once it is back', async () => {
    const restore = await outage('registry')();
    try {
      const notReady = eventually(async () => !(await orderServiceReady()), 15_000);
      const answers = await placeFor(15_000);
      expect(await notReady, '/readyz answers 503 while the registry is down').to.equal(true);
      expect(answers.map((a) => a.status)).to.satisfy((statuses: number[]) =>
        statuses.every((s) => s === 202),
      );
    } finally {
      await restore();
    }
    expect(await eventually(orderServiceReady, 90_000), '/readyz answers 200 again').to.equal(true);
    await expectEverythingEnded();
  });

  it('refuses orders with a clear 503 while the store is down, and takes and completes orders once it is back', async () => {
    const restore = await outage('store')();
    let answers: ApiResult[];
    try {
      expect(await eventually(async () => !(await orderServiceReady()), 15_000), '/readyz 503').to.equal(
        true,
      );
      answers = await placeFor(10_000);
    } finally {
      await restore();
    }
    for (const answer of answers) {
      expect(
        answer.status,
        `answer while the store is down: ${JSON.stringify(answer.body ?? answer.error)}`,
      ).to.equal(503);
      expect(JSON.stringify(answer.body)).to.match(/store|database|unavailable/i);
    }
    expect(await eventually(orderServiceReady, 90_000), '/readyz answers 200 again').to.equal(true);
    const after = await placeFor(6_000);
    expect(after.map((a) => a.status)).to.satisfy((statuses: number[]) => statuses.every((s) => s === 202));
    await expectEverythingEnded();
  });
});
