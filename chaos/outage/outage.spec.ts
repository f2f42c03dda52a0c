import { expect } from 'chai';
import { infrastructurePieces, type InfrastructurePiece } from '../src/harness/infrastructure.ts';
import { platformApi, type ApiResult } from '../src/harness/platform-api.ts';
import { eventually, ProofBench } from '../src/harness/proof-bench.ts';
import { formatReport } from '../src/checker/index.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Each piece of infrastructure goes away for a while under the four real services, orders keep
 * coming, and once it is back every accepted order must end as its inputs allow, with nothing lost
 * or applied twice (the chaos checker judges the databases).
 *
 * CHAOS_INFRASTRUCTURE=private runs on a Kafka, registry and store of the harness's own (other ports).
 */
describe('outages', function () {
  this.timeout(240_000);
  const bench = new ProofBench({ name: 'outage' });
  const { infra } = bench;

  const orderServiceReady = async () => (await platformApi.readyz('order-service')).status === 200;
  const orderServiceNotReady = async () => !(await orderServiceReady());

  /** Places an order every 2 s for `ms`, and returns the answers. */
  const placeFor = async (ms: number): Promise<ApiResult[]> => {
    const answers: ApiResult[] = [];
    const until = Date.now() + ms;
    while (Date.now() < until) {
      answers.push(await bench.place());
      await sleep(2_000);
    }
    return answers;
  };

  const expectEverythingEnded = async () => {
    const { drainedInMs, report } = await bench.drainAndCheck();
    expect(drainedInMs, 'every accepted order ended and every outbox emptied').to.not.equal(null);
    expect(report.faults, formatReport(report).join('\n')).to.deep.equal([]);
  };

  before(async function () {
    this.timeout(300_000);
    await bench.setUp();
  });

  after(async function () {
    this.timeout(120_000);
    // Whatever a failed test left stopped is started again: the stack is left as it was found.
    for (const piece of infrastructurePieces) await infra.start(piece);
    await bench.tearDown();
  });

  const outage = (piece: InfrastructurePiece) => async () => {
    expect(infra.isLocal(piece), `${piece} must be the harness's to stop (not external)`).to.equal(true);
    await infra.stop(piece);
    return () => infra.start(piece);
  };

  it('takes orders (202) while Kafka is down for 20 s, reports not ready, and completes them all once it is back', async () => {
    const restore = await outage('kafka')();
    try {
      const notReady = eventually(orderServiceNotReady, 15_000);
      const answers = await placeFor(20_000);
      expect(await notReady, '/readyz answers 503 while Kafka is down').to.equal(true);
      expect(answers.map((a) => a.status)).to.satisfy((statuses: number[]) =>
        statuses.every((s) => s === 202),
      );
    } finally {
      await restore();
    }
    expect(await eventually(orderServiceReady, 90_000, 500), '/readyz answers 200 again').to.equal(true);
    await expectEverythingEnded();
  });

  it('takes orders while the registry is down, and completes them all once it is back', async () => {
    const restore = await outage('registry')();
    try {
      const notReady = eventually(orderServiceNotReady, 15_000);
      const answers = await placeFor(15_000);
      expect(await notReady, '/readyz answers 503 while the registry is down').to.equal(true);
      expect(answers.map((a) => a.status)).to.satisfy((statuses: number[]) =>
        statuses.every((s) => s === 202),
      );
    } finally {
      await restore();
    }
    expect(await eventually(orderServiceReady, 90_000, 500), '/readyz answers 200 again').to.equal(true);
    await expectEverythingEnded();
  });

  it('refuses orders with a clear 503 while the store is down, and takes and completes orders once it is back', async () => {
    const restore = await outage('store')();
    let answers: ApiResult[];
    try {
      expect(await eventually(orderServiceNotReady, 15_000), '/readyz 503').to.equal(true);
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
    expect(await eventually(orderServiceReady, 90_000, 500), '/readyz answers 200 again').to.equal(true);
    const after = await placeFor(6_000);
    expect(after.map((a) => a.status)).to.satisfy((statuses: number[]) => statuses.every((s) => s === 202));
    await expectEverythingEnded();
  });
});
