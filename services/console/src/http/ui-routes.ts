import type Router from '@koa/router';
import type Koa from 'koa';
import type { UiBundle } from '../ui/ui-bundle.ts';
import { consoleContentSecurityPolicy } from './console-csp.ts';

/**
 * The web UI, open to anyone (it holds no data; every API call it makes needs a token): `GET /` the
 * page, `GET /assets/console.<version>.js` and `.css` the bundle. Only these answers get the
 * console's own Content-Security-Policy; the API keeps the services' strict one. Assets carry their
 * version in the name, so they may be cached for long; the page, which names them, may not.
 */
export function mountUiRoutes(router: Router, deps: { readonly ui: UiBundle }): void {
  const { ui } = deps;
  const page = (ctx: Koa.Context) => {
    ctx.set('Content-Security-Policy', consoleContentSecurityPolicy);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = ui.html;
  };
  const asset = (type: string, body: Uint8Array) => (ctx: Koa.Context) => {
    ctx.set('Content-Security-Policy', consoleContentSecurityPolicy);
    ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    ctx.type = type;
    ctx.body = Buffer.from(body);
  };
  router.get('/', page);
  // Browsers ask for it on their own; there is none, and a 404 would only add noise to the log.
  router.get('/favicon.ico', (ctx) => {
    ctx.status = 204;
  });
  router.get(`/assets/console.${ui.version}.js`, asset('text/javascript; charset=utf-8', ui.js));
  router.get(`/assets/console.${ui.version}.css`, asset('text/css; charset=utf-8', ui.css));
}
