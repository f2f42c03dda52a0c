import { api, ApiError } from '../api.ts';
import { badge, confirmDialog, errorBox, loading, table } from '../components.ts';
import { h, replace, type Child } from '../dom.ts';
import { between, duration, json, time } from '../format.ts';
import { href } from '../route.ts';
import { currentSession, isAdmin } from '../session.ts';
import type { HistoryEntry, SagaView, StepRecord } from '../types.ts';

const ended = new Set(['COMPLETED', 'CANCELLED']);

/**
 * One saga: its state, why it needs attention, each step with its attempts and timing (as bars on
 * one time axis, compensations beside them), the final commands awaiting acknowledgement, and the
 * history: every command sent, reply received, deadline passed, retry and compensation, in order,
 * with the time since the saga began. Admins may retry it or, after confirming, compensate it.
 */
export async function sagaPage(main: HTMLElement, sagaId: string, notice?: string): Promise<void> {
  replace(main, h('h1', {}, 'Saga'), loading('the saga'));
  let saga: SagaView;
  try {
    saga = await api<SagaView>(`/api/orchestrator/sagas/${encodeURIComponent(sagaId)}`);
  } catch (error) {
    replace(main, h('h1', {}, 'Saga'), errorBox(error));
    return;
  }
  const outcome = h(
    'div',
    { class: 'outcome', role: 'status' },
    notice === undefined ? null : h('p', { class: 'ok' }, notice),
  );
  const reload = (done: string) => void sagaPage(main, sagaId, done);
  replace(
    main,
    h('h1', {}, 'Saga ', h('span', { class: 'mono' }, saga.sagaId), ' ', badge(saga.status)),
    summary(saga),
    actions(saga, outcome, reload),
    outcome,
    saga.attention
      ? h(
          'section',
          { class: 'attention-box', 'aria-label': 'Needs attention' },
          h('h2', {}, `Needs attention: ${saga.attention.reason}`),
          h('p', {}, saga.attention.detail),
          h(
            'p',
            { class: 'muted' },
            saga.attention.step ? `At step ${saga.attention.step.name}. ` : '',
            `A retry resumes it as ${saga.attention.resumeStatus}.`,
          ),
        )
      : null,
    h('h2', {}, 'Steps'),
    stepBars(saga),
    stepTable(saga.steps),
    (saga.finalCommands ?? []).length === 0
      ? null
      : [
          h('h2', {}, 'Final commands awaiting acknowledgement'),
          table(
            ['Command', 'Sent', 'Deadline'],
            (saga.finalCommands ?? []).map((c) => [c.topic, `${c.attempts}×`, time(c.deadlineAt)]),
          ),
        ],
    h('h2', {}, 'Timeline'),
    timeline(saga),
    h('details', {}, h('summary', {}, 'Saga data'), h('pre', {}, json(saga.data))),
  );
}

function summary(saga: SagaView): HTMLElement {
  const key = saga.keyName ?? 'orderId';
  const keyValue = saga[key];
  const facts: [string, Child][] = [
    ['Saga', saga.saga],
    [
      key,
      typeof keyValue === 'string'
        ? h('a', { href: href('/orders', { orderId: keyValue }), class: 'mono' }, keyValue)
        : '–',
    ],
    ['Current step', saga.currentStep?.name ?? '–'],
    ['Created', time(saga.createdAt)],
    ['Updated', time(saga.updatedAt)],
    [
      'Running for',
      duration(between(saga.createdAt, ended.has(saga.status) ? saga.updatedAt : new Date().toISOString())),
    ],
    ['Next deadline', time(saga.deadlineAt)],
    ['Failure', saga.failureReason === null ? '–' : h('code', {}, json(saga.failureReason))],
  ];
  return h(
    'dl',
    { class: 'facts' },
    facts.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  );
}

function actions(saga: SagaView, outcome: HTMLElement, reload: (notice: string) => void): HTMLElement | null {
  if (ended.has(saga.status)) return null;
  const admin = isAdmin(currentSession());
  const run = async (what: string, path: string, body?: unknown) => {
    replace(outcome, h('p', { class: 'muted' }, `${what}…`));
    try {
      await api(path, { method: 'POST', ...(body === undefined ? {} : { body }) });
      // The saga as it is now, with what was done said at the top.
      reload(`${what}: done.`);
    } catch (error) {
      replace(
        outcome,
        errorBox(
          error instanceof ApiError && error.status === 403
            ? new ApiError(403, error.code, `${error.message} (log in with an admin token to act)`)
            : error,
        ),
      );
    }
  };
  const retry = h(
    'button',
    {
      type: 'button',
      disabled: !admin,
      title: admin ? 'Send the commands it waits on again, counting attempts afresh' : 'needs an admin token',
      onClick: () => void run('Retry', `/api/orchestrator/sagas/${saga.sagaId}/retry`),
    },
    'Retry',
  );
  const compensate = h(
    'button',
    {
      type: 'button',
      class: 'danger',
      disabled: !admin,
      title: admin ? 'Undo the steps done so far and cancel' : 'needs an admin token',
      onClick: () =>
        void confirmDialog({
          title: 'Compensate this saga?',
          text: 'Every step done so far is undone (stock released, payment refunded) and the order is cancelled. This cannot be taken back.',
          confirm: 'Compensate',
          reason: { label: 'Reason (kept in the saga’s history)', required: true },
        }).then((reason) => {
          if (reason !== undefined)
            void run('Compensate', `/api/orchestrator/sagas/${saga.sagaId}/compensate`, { reason });
        }),
    },
    'Compensate…',
  );
  return h(
    'div',
    { class: 'actions' },
    saga.status === 'NEEDS_ATTENTION' ? retry : null,
    compensate,
    saga.status === 'NEEDS_ATTENTION' ? null : retry,
  );
}

/** Each step's command and compensation as bars on the saga's own time axis. */
function stepBars(saga: SagaView): HTMLElement {
  const start = Date.parse(saga.createdAt);
  const now = Date.now();
  const times = saga.steps.flatMap((s) => [
    s.startedAt,
    s.endedAt,
    s.compensation?.startedAt,
    s.compensation?.endedAt,
  ]);
  const end = Math.max(
    start + 1,
    ...times.filter((t): t is string => typeof t === 'string').map((t) => Date.parse(t)),
    ended.has(saga.status) ? Date.parse(saga.updatedAt) : now,
  );
  const span = end - start;
  const bar = (
    from: string | null | undefined,
    to: string | null | undefined,
    kind: string,
    label: string,
  ) => {
    if (typeof from !== 'string') return null;
    const left = ((Date.parse(from) - start) / span) * 100;
    const right = (((typeof to === 'string' ? Date.parse(to) : now) - start) / span) * 100;
    const element = h('div', { class: `bar bar-${kind}`, title: label });
    // CSSOM, not a style attribute: the console's CSP allows no inline styles.
    element.style.left = `${Math.max(0, left).toFixed(2)}%`;
    element.style.width = `${Math.max(0.5, right - left).toFixed(2)}%`;
    return element;
  };
  return h(
    'div',
    { class: 'gantt', 'aria-label': 'Step timing' },
    saga.steps.map((step) =>
      h(
        'div',
        { class: 'gantt-row' },
        h('span', { class: 'gantt-label' }, step.name),
        h(
          'div',
          { class: 'gantt-track' },
          bar(
            step.startedAt,
            step.endedAt,
            step.status.toLowerCase(),
            `${step.name}: ${step.status}, ${duration(between(step.startedAt, step.endedAt))}`,
          ),
          bar(
            step.compensation?.startedAt,
            step.compensation?.endedAt,
            'compensation',
            `${step.name} compensation`,
          ),
        ),
      ),
    ),
    h('div', { class: 'gantt-axis muted' }, h('span', {}, '0'), h('span', {}, duration(span))),
  );
}

function stepTable(steps: readonly StepRecord[]): HTMLElement {
  return table(
    ['Step', 'Status', 'Sent', 'Started', 'Ended', 'Took', 'Compensation', 'Deadline'],
    steps.map((step) => [
      step.name,
      badge(step.status),
      step.attempts === 0 ? '–' : `${step.attempts}×`,
      time(step.startedAt),
      time(step.endedAt),
      duration(between(step.startedAt, step.endedAt)),
      step.compensation
        ? `${step.compensation.attempts}× from ${time(step.compensation.startedAt)}${step.compensation.endedAt ? `, took ${duration(between(step.compensation.startedAt, step.compensation.endedAt))}` : ', awaiting its reply'}`
        : '–',
      time(step.deadlineAt),
    ]),
    { class: 'steps' },
  );
}

const described = new Set(['direction', 'at', 'topic', 'step', 'messageId', 'status']);

/** The history, oldest first, each entry with its offset from the saga's start and whatever it holds. */
function timeline(saga: SagaView): HTMLElement {
  const entries = [...saga.history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return h(
    'ol',
    { class: 'timeline', 'aria-label': 'Saga history' },
    entries.map((entry) =>
      h(
        'li',
        { class: `entry entry-${entry.direction.toLowerCase()}` },
        h(
          'span',
          { class: 'entry-time', title: time(entry.at) },
          `+${duration(between(saga.createdAt, entry.at))}`,
        ),
        h('span', { class: 'entry-kind' }, entry.direction),
        h('span', { class: 'entry-what' }, whatHappened(entry)),
        typeof entry.status === 'string' ? badge(entry.status) : null,
        h('span', { class: 'entry-detail' }, details(entry)),
      ),
    ),
  );
}

function whatHappened(entry: HistoryEntry): string {
  const parts: string[] = [];
  if (typeof entry.topic === 'string') parts.push(entry.topic);
  if (typeof entry.step === 'string') parts.push(`step ${entry.step}`);
  for (const name of ['outcome', 'reply', 'action', 'reason'] as const) {
    const value = entry[name];
    if (typeof value === 'string') parts.push(value);
  }
  if (typeof entry.attempts === 'number')
    parts.push(`after ${entry.attempts} send${entry.attempts === 1 ? '' : 's'}`);
  if (Array.isArray(entry.steps))
    parts.push(`re-sent ${(entry.steps as unknown[]).map(String).join(', ') || 'nothing'}`);
  return parts.join(' · ');
}

function details(entry: HistoryEntry): Child {
  const rest = Object.fromEntries(
    Object.entries(entry).filter(
      ([name, value]) =>
        !described.has(name) &&
        !['outcome', 'reply', 'action', 'reason', 'attempts', 'steps'].includes(name) &&
        value !== null,
    ),
  );
  const detail = typeof rest.detail === 'string' ? rest.detail : undefined;
  delete rest.detail;
  return [
    detail === undefined ? null : h('span', {}, detail),
    Object.keys(rest).length === 0 ? null : h('code', {}, json(rest)),
  ];
}
