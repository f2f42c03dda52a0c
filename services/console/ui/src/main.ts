import { h, replace } from './dom.ts';
import { deadLettersPage } from './pages/dead-letters-page.ts';
import { loginPage } from './pages/login-page.ts';
import { ordersPage } from './pages/orders-page.ts';
import { overviewPage } from './pages/overview-page.ts';
import { sagaPage } from './pages/saga-page.ts';
import { sagasPage } from './pages/sagas-page.ts';
import { currentRoute, go, href } from './route.ts';
import { currentSession, endSession } from './session.ts';

const app = document.getElementById('app') ?? document.body;

const pages = [
  ['/overview', 'Overview'],
  ['/sagas', 'Sagas'],
  ['/orders', 'Orders'],
  ['/dead-letters', 'Dead letters'],
] as const;

/**
 * Draws the page the URL's hash names. Each navigation gets a fresh <main>, so a page still loading
 * (or the overview's refresh loop) from before finds itself detached and stops drawing.
 */
function render(): void {
  const session = currentSession();
  const route = currentRoute();
  const main = h('main', {});
  if (!session || route.path === '/login') {
    replace(app, main);
    loginPage(main);
    return;
  }
  const nav = h(
    'header',
    { class: 'top' },
    h('a', { href: href('/overview'), class: 'brand' }, 'Saga console'),
    h(
      'nav',
      { 'aria-label': 'Pages' },
      pages.map(([path, label]) =>
        h('a', { href: href(path), 'aria-current': route.path.startsWith(path) ? 'page' : false }, label),
      ),
    ),
    h(
      'span',
      { class: 'who' },
      `${session.subject} (${session.roles.join(', ')})`,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onClick: () => {
            endSession();
            go('/login');
          },
        },
        'Log out',
      ),
    ),
  );
  replace(app, nav, main);
  const saga = /^\/sagas\/([^/]+)$/.exec(route.path);
  if (saga?.[1]) void sagaPage(main, decodeURIComponent(saga[1]));
  else if (route.path === '/sagas') void sagasPage(main, route);
  else if (route.path === '/orders') void ordersPage(main, route);
  else if (route.path === '/dead-letters') void deadLettersPage(main, route);
  else void overviewPage(main);
}

window.addEventListener('hashchange', render);
render();
