import { expect } from 'chai';
import { MetricsParseError } from '../../src/metrics/metrics-parse-error.ts';
import { parsePrometheusText } from '../../src/metrics/prometheus-text.ts';

describe('parsePrometheusText', () => {
  it('reads what prom-client writes: counters with labels, gauges, and a histogram’s buckets, sum and count', () => {
    const text = [
      '# HELP saga_finished_total Sagas that ended, by outcome.',
      '# TYPE saga_finished_total counter',
      'saga_finished_total{outcome="COMPLETED"} 12',
      'saga_finished_total{outcome="CANCELLED"} 3',
      '',
      '# TYPE outbox_pending gauge',
      'outbox_pending 0',
      '# TYPE saga_duration_seconds histogram',
      'saga_duration_seconds_bucket{le="0.5"} 4',
      'saga_duration_seconds_bucket{le="+Inf"} 15',
      'saga_duration_seconds_sum 9.25',
      'saga_duration_seconds_count 15',
    ].join('\n');
    expect(parsePrometheusText(text)).to.deep.equal([
      { name: 'saga_finished_total', labels: { outcome: 'COMPLETED' }, value: 12 },
      { name: 'saga_finished_total', labels: { outcome: 'CANCELLED' }, value: 3 },
      { name: 'outbox_pending', labels: {}, value: 0 },
      { name: 'saga_duration_seconds_bucket', labels: { le: '0.5' }, value: 4 },
      { name: 'saga_duration_seconds_bucket', labels: { le: '+Inf' }, value: 15 },
      { name: 'saga_duration_seconds_sum', labels: {}, value: 9.25 },
      { name: 'saga_duration_seconds_count', labels: {}, value: 15 },
    ]);
  });

  it('unescapes label values, and reads several labels, spaces and a trailing comma', () => {
    const [sample] = parsePrometheusText(
      'http_request_duration_seconds_count{ route="/sagas/:id" , method="GET",detail="a \\"quoted\\" \\\\ line\\nnext",} 7',
    );
    expect(sample?.labels).to.deep.equal({
      route: '/sagas/:id',
      method: 'GET',
      detail: 'a "quoted" \\ line\nnext',
    });
    expect(sample?.value).to.equal(7);
  });

  it('reads NaN, +Inf, -Inf, exponents, and ignores a timestamp', () => {
    const values = parsePrometheusText('a NaN\nb +Inf\nc -Inf\nd 1.5e3 1700000000000\ne{x="1"} -2').map(
      (s) => s.value,
    );
    expect(values[0]).to.be.NaN;
    expect(values.slice(1)).to.deep.equal([Infinity, -Infinity, 1500, -2]);
  });

  it('is fine with Windows line ends and an empty answer', () => {
    expect(parsePrometheusText('a 1\r\nb 2\r\n')).to.have.length(2);
    expect(parsePrometheusText('')).to.deep.equal([]);
  });

  for (const [line, reason] of [
    ['{le="1"} 2', 'does not start with a metric name'],
    ['a{le="1" 2', 'expected "," or "}" after a label'],
    ['a{le=1} 2', 'label le has no ="value"'],
    ['a{le="1} 2', 'a label value has no closing quote'],
    ['a{le="\\t"} 2', 'unknown escape \\t in a label value'],
    ['a', 'expected a value'],
    ['a twelve', '"twelve" is not a number'],
    ['a 1 2 3', 'expected a value (and at most a timestamp)'],
  ] as const) {
    it(`refuses ${JSON.stringify(line)}, naming the line: ${reason}`, () => {
      expect(() => parsePrometheusText(`ok 1\n# comment\n${line}`))
        .to.throw(MetricsParseError)
        .with.property('message')
        .that.contains('metrics line 3:')
        .and.contains(reason);
    });
  }
});
