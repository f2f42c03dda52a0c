import { api, query } from '../api.ts';
import { badge, errorBox, field, loading, table } from '../components.ts';
import { formValue, h, replace } from '../dom.ts';
import { time } from '../format.ts';
import { go, href, type Route } from '../route.ts';
import type { Order, SagaSummary } from '../types.ts';

interface OrderList {
  readonly orders?: readonly Order[];
  /** The order-service's name for the list. */
  readonly items?: readonly Order[];
  readonly nextCursor?: string | null;
}

/**
 * Orders by id (GET /orders/:orderId) or by customer (GET /orders?customerId=, a page at a time),
 * each with a link to its saga (found by GET /sagas?orderId= on the orchestrator).
 */
export async function ordersPage(main: HTMLElement, route: Route): Promise<void> {
  const orderId = route.params.get('orderId') ?? '';
  const customerId = route.params.get('customerId') ?? '';
  const cursor = route.params.get('cursor') ?? '';
  const byId = h(
    'form',
    { class: 'filters', 'aria-label': 'Find order' },
    field(
      'Order id',
      h('input', { name: 'orderId', value: orderId, placeholder: 'order id (uuid)', required: true }),
    ),
    h('button', { type: 'submit' }, 'Find order'),
  );
  byId.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/orders', { orderId: formValue(byId, 'orderId') });
  });
  const byCustomer = h(
    'form',
    { class: 'filters', 'aria-label': 'Orders of a customer' },
    field(
      'Customer',
      h('input', { name: 'customerId', value: customerId, placeholder: 'customer id', required: true }),
    ),
    h('button', { type: 'submit' }, 'List orders'),
  );
  byCustomer.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/orders', { customerId: formValue(byCustomer, 'customerId') });
  });
  const results = h('section', { 'aria-label': 'Orders' });
  replace(main, h('h1', {}, 'Orders'), byId, byCustomer, results);
  if (orderId === '' && customerId === '') return;
  replace(results, loading('orders'));
  try {
    if (orderId !== '') {
      const order = await api<Order>(`/api/order/orders/${encodeURIComponent(orderId)}`);
      replace(
        results,
        orderTable([order]),
        h('pre', { class: 'order-json' }, JSON.stringify(order, null, 2)),
      );
    } else {
      const page = await api<OrderList>(`/api/order/orders?${query({ customerId, cursor })}`);
      const orders = page.orders ?? page.items ?? [];
      const next = page.nextCursor ?? null;
      replace(
        results,
        orders.length === 0 ? h('p', { class: 'muted' }, 'This customer has no orders.') : orderTable(orders),
        h(
          'nav',
          { class: 'pager' },
          cursor === '' ? null : h('a', { href: href('/orders', { customerId }) }, 'First page'),
          next === null ? null : h('a', { href: href('/orders', { customerId, cursor: next }) }, 'Next page'),
        ),
      );
    }
  } catch (error) {
    replace(results, errorBox(error));
  }
}

function orderTable(orders: readonly Order[]): HTMLElement {
  return table(
    ['Order', 'Customer', 'Status', 'Items', 'Total', 'Placed', 'Saga'],
    orders.map((order) => [
      h('a', { href: href('/orders', { orderId: order.orderId }), class: 'mono' }, order.orderId),
      h('a', { href: href('/orders', { customerId: order.customerId }) }, order.customerId),
      [
        badge(order.status),
        order.cancelReason === undefined ? null : h('span', { class: 'muted' }, ` ${order.cancelReason}`),
      ],
      order.items.map((item) => `${String(item.quantity)} × ${item.sku}`).join(', '),
      order.total === null ? '–' : `${(order.total / 100).toFixed(2)} ${order.currency}`,
      time(order.createdAt),
      sagaLink(order.orderId),
    ]),
    { class: 'orders' },
  );
}

/** A button that finds the order's saga and opens it. */
function sagaLink(orderId: string): HTMLElement {
  const problem = h('span');
  const button = h(
    'button',
    {
      type: 'button',
      class: 'link',
      onClick: () => {
        void api<SagaSummary>(`/api/orchestrator/sagas?${query({ orderId })}`).then(
          (saga) => {
            go(`/sagas/${saga.sagaId}`);
          },
          (error: unknown) => {
            replace(problem, errorBox(error));
          },
        );
      },
    },
    'Open saga',
  );
  return h('span', {}, button, problem);
}
