import { expect } from 'chai';
import { formatReport } from '../src/checker/index.ts';
import { databaseOf, type ServiceName } from '../src/harness/harness-settings.ts';
import type { OrderRequest } from '../src/harness/platform-api.ts';
import { eventually, ProofBench } from '../src/harness/proof-bench.ts';
import { readWithArchive } from '../src/harness/read-with-archive.ts';
import type { ServiceExit } from '../src/harness/supervised-service.ts';

/** The points of service-kit's crash-points.ts (SAGA_CRASH_POINTS). */
type CrashPointName =
  'after-store-write-before-commit' | 'after-publish-before-outbox-removal' | 'mid-reservation';

/**
 * Every named crash point, fired on purpose in the real service that has it (SIGKILL, as a crash
 * leaves things), while orders are in flight: the service is restarted, and once the work has
 * drained every order must have ended as its inputs allow, with no unit or cent made, lost or moved
 * twice (the chaos checker judges the databases). The chaos run fires these points at random; here
 * each one fires for certain, in the situation it is meant for.
 *
 * CHAOS_INFRASTRUCTURE=private runs on a Kafka, registry and store of the harness's own (other ports).
 */
describe('crash points: a service killed at each named point loses and doubles nothing', function () {
  this.timeout(180_000);
  /** The crash point each service's next spawn runs with: armed for that one spawn only. */
  const armed = new Map<ServiceName, string>();
  const exits: ServiceExit[] = [];
  const bench = new ProofBench({
    name: 'crash-points',
    crashPointsFor: (service) => {
      const point = armed.get(service);
      armed.delete(service);
      return point ? [point] : [];
    },
    onExit: (exit) => exits.push(exit),
  });
  const { platform, scenario, log } = bench;

  /** An order that goes all the way when nothing fails: a rich customer, two plentiful SKUs. */
  const goodOrder = (): OrderRequest => ({
    customerId: `${scenario.prefix}-ALICE`,
    currency: 'EUR',
    items: [
      { sku: `${scenario.prefix}-BOOK`, quantity: 1 },
      { sku: `${scenario.prefix}-PEN`, quantity: 2 },
    ],
  });
  /**
   * Places an order as a careful client does: a crash can cut the answer off after the order was stored,
   * so it asks again with the same Idempotency-Key until it gets its 202.
   */
  const place = async (order: OrderRequest = goodOrder()): Promise<string> => {
    const key = `${scenario.prefix}-${crypto.randomUUID()}`;
    const result = await eventually(async () => {
      const answer = await bench.place(order, key);
      return answer.status === 202 ? answer : undefined;
    }, 60_000);
    expect(result?.status, 'the order is accepted, at the latest when asked again').to.equal(202);
    return (result?.body as { orderId: string }).orderId;
  };

  /** Restarts `service` with `point` armed to fire the first time it is reached. */
  const arm = async (service: ServiceName, point: CrashPointName) => {
    armed.set(service, `${point}:1`);
    await platform.service(service).kill();
    expect(await platform.service(service).waitReady(60_000), `${service} ready, armed`).to.equal(true);
  };

  /** Waits for `service` to die at `point`, then for its restart (unarmed) to be ready. */
  const expectDiedAt = async (service: ServiceName, point: CrashPointName) => {
    const died = await eventually(
      () =>
        exits.find(
          (exit) =>
            exit.service === service &&
            exit.signal === 'SIGKILL' &&
            !exit.killedByHarness &&
            exit.crashPoints.includes(`${point}:1`),
        ),
      60_000,
    );
    expect(died, `${service} died at ${point}`).to.not.equal(undefined);
    expect(await platform.service(service).waitReady(60_000), `${service} ready again`).to.equal(true);
  };

  const expectEverythingEnded = async () => {
    const { drainedInMs, report } = await bench.drainAndCheck();
    expect(drainedInMs, 'every accepted order ended and every outbox emptied').to.not.equal(null);
    expect(report.faults, formatReport(report).join('\n')).to.deep.equal([]);
    // Every order here can be served, and no service stays away long enough for a step to give up.
    expect(report.outcomes).to.deep.equal({ CONFIRMED: bench.accepted.length });
  };

  before(async function () {
    this.timeout(300_000);
    await bench.setUp();
  });

  after(async function () {
    this.timeout(120_000);
    await bench.tearDown();
  });

  const everyService: readonly ServiceName[] = [
    'order-service',
    'orchestrator-service',
    'inventory-service',
    'payment-service',
  ];
  const what: Record<'after-store-write-before-commit' | 'after-publish-before-outbox-removal', string> = {
    'after-store-write-before-commit':
      'after storing a consumed message’s effects, before committing its offset',
    'after-publish-before-outbox-removal':
      'after publishing an outbox entry, before removing it from the outbox',
  };

  for (const service of everyService) {
    for (const point of ['after-store-write-before-commit', 'after-publish-before-outbox-removal'] as const) {
      it(`${service}, killed ${what[point]}`, async () => {
        await arm(service, point);
        const orders = [await place(), await place(), await place()];
        await expectDiedAt(service, point);
        log(`${service} died at ${point} with ${orders.length} orders in flight, and came back`);
        await expectEverythingEnded();
      });
    }
  }

  it('inventory-service, killed mid-reservation (one line held beside other orders’ holds, the next not yet)', async () => {
    // An order that holds both SKUs and stays holding them while payment-service is down, so that the
    // crashed reservation's first line is held beside another order's hold when it is taken again.
    const payment = platform.service('payment-service');
    await payment.stop();
    try {
      const neighbour = await place();
      const reservations = bench.mongo.db(databaseOf('inventory-service')).collection('reservations');
      const reserved = await eventually(
        async () =>
          (await reservations.findOne({ _id: neighbour as never, status: 'RESERVED' })) ?? undefined,
        60_000,
      );
      expect(reserved, 'the neighbouring order holds its stock').to.not.equal(undefined);

      await arm('inventory-service', 'mid-reservation');
      const crashed = await place();
      await expectDiedAt('inventory-service', 'mid-reservation');
      // A FAILED one may have moved to the archive already (service-kit's finished-archive.ts).
      const settled = await eventually(
        async () =>
          (
            await readWithArchive(
              bench.mongo.db(databaseOf('inventory-service')),
              { hot: 'reservations', archive: 'reservations_finished' },
              { _id: crashed as never, status: { $in: ['RESERVED', 'FAILED'] } },
            )
          )[0],
        60_000,
      );
      expect(settled?.status, 'the crashed reservation is finished by its redelivered command').to.equal(
        'RESERVED',
      );
    } finally {
      payment.start();
    }
    expect(await payment.waitReady(60_000), 'payment-service ready again').to.equal(true);
    await expectEverythingEnded();
  });
});
