import { api } from '../api.ts';
import { lineChart } from '../chart.ts';
import { errorBox, loading, table } from '../components.ts';
import { h, replace } from '../dom.ts';
import { ago, duration, num } from '../format.ts';
import { currentRoute, href } from '../route.ts';
import type { Overview } from '../../../src/metrics/overview-shape.ts';

const refreshMs = 5_000;

/**
 * The platform at a glance, from the services' metrics as the console scraped them over the last
 * minutes: sagas started and finished per minute, p50/p99 saga latency, outcomes, sagas per status,
 * and each service's consumer lag, throughput, outbox and dead letters. Refreshes while open.
 */
export async function overviewPage(main: HTMLElement): Promise<void> {
  replace(main, h('h1', {}, 'Overview'), loading('metrics'));
  for (;;) {
    try {
      render(main, await api<Overview>('/api/overview'));
    } catch (error) {
      replace(main, h('h1', {}, 'Overview'), errorBox(error));
    }
    await new Promise((resolve) => setTimeout(resolve, refreshMs));
    if (currentRoute().path !== '/overview' || !main.isConnected) return;
  }
}

function render(main: HTMLElement, o: Overview): void {
  const s = o.sagas;
  const tile = (label: string, value: string) =>
    h(
      'div',
      { class: 'tile' },
      h('span', { class: 'tile-value' }, value),
      h('span', { class: 'tile-label' }, label),
    );
  const points = s.series.map((p) => ({ ...p, at: Date.parse(p.at) }));
  const outcomes = Object.entries(s.finishedByOutcome);
  replace(
    main,
    h('h1', {}, 'Overview'),
    h(
      'p',
      { class: 'muted' },
      o.window.to === null
        ? 'No metrics scraped yet.'
        : `Over the last ${duration(o.window.seconds * 1000)}, scraped ${ago(o.window.to)}.`,
    ),
    h(
      'div',
      { class: 'tiles' },
      tile('sagas started / min', num(s.startedPerMinute, 1)),
      tile('sagas finished / min', num(s.finishedPerMinute, 1)),
      tile('p50 saga latency', s.p50Seconds === null ? '–' : `${num(s.p50Seconds)} s`),
      tile('p99 saga latency', s.p99Seconds === null ? '–' : `${num(s.p99Seconds)} s`),
      tile('needing attention', String(s.inStatus.NEEDS_ATTENTION ?? 0)),
    ),
    h(
      'div',
      { class: 'charts' },
      lineChart(
        'Throughput (sagas / min)',
        [
          {
            label: 'started',
            className: 's1',
            points: points.map((p) => ({ at: p.at, value: p.startedPerMinute })),
          },
          {
            label: 'finished',
            className: 's2',
            points: points.map((p) => ({ at: p.at, value: p.finishedPerMinute })),
          },
        ],
        '',
      ),
      lineChart(
        'Saga latency (s)',
        [
          { label: 'p50', className: 's1', points: points.map((p) => ({ at: p.at, value: p.p50Seconds })) },
          { label: 'p99', className: 's3', points: points.map((p) => ({ at: p.at, value: p.p99Seconds })) },
        ],
        ' s',
      ),
    ),
    h('h2', {}, 'Outcomes and statuses'),
    h(
      'div',
      { class: 'tiles' },
      outcomes.length === 0
        ? h('p', { class: 'muted' }, 'No saga finished in the window.')
        : outcomes.map(([outcome, n]) => tile(`finished ${outcome}`, String(n))),
      Object.entries(s.inStatus).map(([status, n]) =>
        h(
          'a',
          { href: href('/sagas', { status }), class: 'tile' },
          h('span', { class: 'tile-value' }, String(n)),
          h('span', { class: 'tile-label' }, `now ${status}`),
        ),
      ),
    ),
    h('h2', {}, 'Services'),
    table(
      [
        'Service',
        'Metrics',
        'Consumer lag',
        'Messages / min',
        'Outbox pending',
        'Oldest in outbox',
        'Dead letters',
      ],
      o.services.map((svc) => [
        svc.service,
        svc.up
          ? h('span', { class: 'ok' }, 'up')
          : h('span', { class: 'error-message', title: svc.error ?? '' }, `down: ${svc.error ?? ''}`),
        svc.consumerLag === null
          ? '–'
          : h(
              'span',
              {
                title: Object.entries(svc.consumerLagByTopic)
                  .map(([t, n]) => `${t}: ${n}`)
                  .join('\n'),
              },
              String(svc.consumerLag),
            ),
        num(svc.messagesPerMinute, 1),
        svc.outboxPending === null ? '–' : String(svc.outboxPending),
        svc.outboxOldestAgeSeconds === null ? '–' : `${num(svc.outboxOldestAgeSeconds, 1)} s`,
        Object.entries(svc.deadLettersByTopic)
          .filter(([, n]) => n > 0)
          .map(([topic, n]) =>
            h('a', { href: href('/dead-letters', { topic }), class: 'dlq-count' }, `${topic}: ${n}`),
          ),
      ]),
      { class: 'services' },
    ),
  );
}
