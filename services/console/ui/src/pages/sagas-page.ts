import { api, query } from '../api.ts';
import { badge, errorBox, field, loading, select, table } from '../components.ts';
import { formValue, h, replace } from '../dom.ts';
import { ago, time } from '../format.ts';
import { go, href, type Route } from '../route.ts';
import type { SagaPage, SagaSummary } from '../types.ts';

const statuses = [
  'RUNNING',
  'COMPENSATING',
  'COMPLETING',
  'CANCELLING',
  'NEEDS_ATTENTION',
  'COMPLETED',
  'CANCELLED',
];
const steps = ['reserveInventory', 'processPayment', 'commitInventory'];
/** COMPLETED, or the reason a saga was cancelled for (the API takes any such code; these are suggestions). */
const outcomes = [
  'COMPLETED',
  'OUT_OF_STOCK',
  'SKU_NOT_FOUND',
  'PRICE_NOT_SET',
  'CURRENCY_MISMATCH',
  'PAYMENT_DECLINED',
  'ACCOUNT_NOT_FOUND',
  'UNKNOWN',
];
/** "Age" as the API's createdAfter/createdBefore: younger than, or older than, this long. */
const ages: readonly (readonly [string, string])[] = [
  ['', 'any age'],
  ['-5m', 'last 5 minutes'],
  ['-1h', 'last hour'],
  ['-24h', 'last 24 hours'],
  ['+5m', 'older than 5 minutes'],
  ['+1h', 'older than an hour'],
  ['+24h', 'older than a day'],
];
const unitMs: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000 };

/** createdAfter / createdBefore for an age choice such as "-1h" (younger than) or "+1h" (older than). */
function ageBounds(age: string): { createdAfter?: string; createdBefore?: string } {
  const match = /^([-+])(\d+)([mh])$/.exec(age);
  if (!match) return {};
  const at = new Date(Date.now() - Number(match[2]) * (unitMs[match[3] ?? 'm'] ?? 60_000)).toISOString();
  return match[1] === '-' ? { createdAfter: at } : { createdBefore: at };
}

const pageSize = 25;

/**
 * The sagas, filtered by status, step, outcome, customer and age, a page at a time (GET /sagas on the
 * orchestrator, with its cursor for the next page). The filters live in the URL, so a view can be
 * shared and the back button works. An order id jumps straight to that order's saga.
 */
export async function sagasPage(main: HTMLElement, route: Route): Promise<void> {
  const p = (name: string) => route.params.get(name) ?? '';
  const filters = {
    status: p('status'),
    step: p('step'),
    outcome: p('outcome'),
    customerId: p('customerId'),
    age: p('age'),
  };
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Saga filters' },
    field(
      'Status',
      select('status', [['', 'any status'], ...statuses.map((s) => [s, s] as const)], filters.status),
    ),
    field('Step', select('step', [['', 'any step'], ...steps.map((s) => [s, s] as const)], filters.step)),
    field(
      'Outcome',
      h('input', {
        name: 'outcome',
        value: filters.outcome,
        list: 'saga-outcomes',
        placeholder: 'any outcome',
      }),
    ),
    h(
      'datalist',
      { id: 'saga-outcomes' },
      outcomes.map((o) => h('option', { value: o })),
    ),
    field(
      'Customer',
      h('input', { name: 'customerId', value: filters.customerId, placeholder: 'customer id' }),
    ),
    field('Age', select('age', ages, filters.age)),
    h('button', { type: 'submit' }, 'Search'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (name: string) => formValue(form, name);
    go('/sagas', {
      status: value('status'),
      step: value('step'),
      outcome: value('outcome'),
      customerId: value('customerId'),
      age: value('age'),
    });
  });
  const byOrder = h(
    'form',
    { class: 'filters', 'aria-label': 'Find saga by order' },
    field('Order id', h('input', { name: 'orderId', placeholder: 'order id (uuid)', required: true })),
    h('button', { type: 'submit' }, 'Open saga'),
  );
  const byOrderProblem = h('div');
  byOrder.addEventListener('submit', (event) => {
    event.preventDefault();
    const orderId = formValue(byOrder, 'orderId');
    replace(byOrderProblem);
    void api<SagaSummary>(`/api/orchestrator/sagas?${query({ orderId })}`).then(
      (saga) => {
        go(`/sagas/${saga.sagaId}`);
      },
      (error: unknown) => {
        replace(byOrderProblem, errorBox(error));
      },
    );
  });
  const results = h('section', { 'aria-label': 'Sagas' }, loading('sagas'));
  replace(main, h('h1', {}, 'Sagas'), form, byOrder, byOrderProblem, results);

  const cursor = p('cursor');
  const search = query({
    status: filters.status,
    step: filters.step,
    outcome: filters.outcome,
    customerId: filters.customerId,
    ...ageBounds(filters.age),
    limit: String(pageSize),
    cursor,
  });
  try {
    const page = await api<SagaPage>(`/api/orchestrator/sagas?${search}`);
    const rows = page.sagas.map((saga) => [
      h('a', { href: href(`/sagas/${saga.sagaId}`), class: 'mono' }, saga.sagaId.slice(0, 8)),
      h('span', { class: 'mono' }, keyOf(saga)),
      badge(saga.status),
      saga.currentStep?.name ?? '–',
      saga.outcome ?? '–',
      saga.attention
        ? h('span', { class: 'attention', title: saga.attention.detail }, saga.attention.reason)
        : '–',
      customerOf(saga),
      h('span', { title: time(saga.createdAt) }, ago(saga.createdAt)),
      h('span', { title: time(saga.updatedAt) }, ago(saga.updatedAt)),
    ]);
    const nextCursor = page.nextCursor ?? null;
    replace(
      results,
      rows.length === 0
        ? h('p', { class: 'muted' }, 'No saga matches these filters.')
        : table(
            ['Saga', 'Key', 'Status', 'Step', 'Outcome', 'Attention', 'Customer', 'Created', 'Updated'],
            rows,
            {
              class: 'sagas',
            },
          ),
      h(
        'nav',
        { class: 'pager' },
        cursor === ''
          ? null
          : h('a', { href: href('/sagas', { ...filters, cursor: undefined }) }, 'First page'),
        nextCursor === null
          ? null
          : h('a', { href: href('/sagas', { ...filters, cursor: nextCursor }) }, 'Next page'),
      ),
    );
  } catch (error) {
    replace(results, errorBox(error));
  }
}

/** The saga's key under its name (orderId for the order saga). */
function keyOf(saga: SagaSummary): string {
  if (typeof saga.key === 'string') return saga.key;
  const value = saga[saga.keyName ?? 'orderId'];
  return typeof value === 'string' ? value : '–';
}

/** The customer, as the list names it, or as the saga's data holds it (a saga view without the field). */
function customerOf(saga: SagaSummary): string {
  if (typeof saga.customerId === 'string') return saga.customerId;
  const data = saga.data as { customerId?: unknown } | null | undefined;
  return typeof data?.customerId === 'string' ? data.customerId : '–';
}
