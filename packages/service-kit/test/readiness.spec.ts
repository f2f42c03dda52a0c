import { expect } from 'chai';
import { createReadiness, type Probe } from '../src/index.ts';

describe('createReadiness', () => {
  const ok =
    (detail: string): Probe =>
    () =>
      Promise.resolve(detail);

  it('is ready when every probe is, with each check’s detail', async () => {
    const readiness = createReadiness({ probes: { kafka: ok('3 brokers'), store: ok('ping ok') } });
    expect(await readiness.check()).to.deep.equal({
      ready: true,
      checks: { kafka: { ok: true, detail: '3 brokers' }, store: { ok: true, detail: 'ping ok' } },
    });
  });

  it('is not ready when one probe fails, and says why, with the causes fetch hides', async () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new AggregateError([]), { code: 'ECONNREFUSED' }),
    });
    const readiness = createReadiness({
      probes: {
        kafka: ok('fine'),
        registry: () => Promise.reject(new Error('registry unreachable', { cause: refused })),
      },
    });
    const report = await readiness.check();
    expect(report.ready).to.equal(false);
    expect(report.checks.kafka).to.deep.equal({ ok: true, detail: 'fine' });
    expect(report.checks.registry).to.deep.equal({
      ok: false,
      detail: 'registry unreachable: fetch failed: ECONNREFUSED',
    });
  });

  it('fails a probe that does not answer in time, and aborts its signal', async () => {
    let aborted = false;
    const hanging: Probe = (signal) =>
      new Promise<string>(() => {
        signal.addEventListener('abort', () => {
          aborted = true;
        });
      });
    const started = Date.now();
    const report = await createReadiness({ probes: { store: hanging }, timeoutMs: 50 }).check();
    expect(Date.now() - started).to.be.below(1000);
    expect(report.checks.store).to.deep.equal({ ok: false, detail: 'no answer within 50 ms' });
    expect(aborted).to.equal(true);
  });

  it('reuses a result for cacheMs, sharing one run between concurrent checks, then probes again', async () => {
    let now = 0;
    let runs = 0;
    const counting: Probe = () => Promise.resolve(`run ${++runs}`);
    const readiness = createReadiness({ probes: { kafka: counting }, cacheMs: 1000, now: () => now });
    const [a, b] = await Promise.all([readiness.check(), readiness.check()]);
    now = 999;
    const c = await readiness.check();
    expect([a, b, c].map((r) => r.checks.kafka?.detail)).to.deep.equal(['run 1', 'run 1', 'run 1']);
    now = 1000;
    expect((await readiness.check()).checks.kafka?.detail).to.equal('run 2');
  });
});
