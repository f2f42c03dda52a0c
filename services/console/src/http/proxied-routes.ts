import type { PlatformService } from '../service-urls.ts';

/**
 * The paths of each service the console forwards to, and nothing else: the console is a window onto
 * these APIs, not an open relay to whatever a service happens to serve.
 */
export const proxiedRoutes: Readonly<Record<PlatformService, readonly RegExp[]>> = {
  orchestrator: [/^\/sagas$/, /^\/sagas\/[^/]+$/, /^\/sagas\/[^/]+\/(retry|compensate)$/],
  order: [/^\/orders$/, /^\/orders\/[^/]+$/],
  inventory: [/^\/stock\/[^/]+$/, /^\/reservations\/[^/]+$/],
  payment: [/^\/payments\/[^/]+$/, /^\/accounts\/[^/]+$/],
};

/** Every service that consumes a topic has these. */
const deadLetterRoutes = [/^\/dead-letters$/, /^\/dead-letters\/replay$/];

/**
 * A segment that would move the path once a URL parser or the service decodes it: `.`, `..` (also
 * percent-encoded) or an encoded slash. `/sagas/../metrics` must not become `/metrics`.
 */
function movesThePath(segment: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return true;
  }
  return decoded === '.' || decoded === '..' || decoded.includes('/') || decoded.includes('\\');
}

/** Whether the console forwards `path` (no query) to `service`. */
export function isProxied(service: PlatformService, path: string): boolean {
  if (path.split('/').some(movesThePath)) return false;
  return [...proxiedRoutes[service], ...deadLetterRoutes].some((route) => route.test(path));
}
