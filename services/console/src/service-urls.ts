import type { Config } from '@saga/config';

/** The platform services whose APIs the console reads and acts through. */
export const platformServices = ['order', 'orchestrator', 'inventory', 'payment'] as const;
export type PlatformService = (typeof platformServices)[number];

/** Each platform service's base URL, e.g. `{ order: 'http://127.0.0.1:3000', ... }`. */
export type ServiceUrls = Readonly<Record<PlatformService, string>>;

export const isPlatformService = (name: string): name is PlatformService =>
  (platformServices as readonly string[]).includes(name);

/**
 * Where the services listen, from the ports they are configured with (ORDER_SERVICE_PORT, ...) on this
 * machine's HOST. A wildcard HOST (0.0.0.0, ::) is where a server listens, not an address to call, so
 * the loopback stands in for it.
 */
export function serviceUrls(config: Config): ServiceUrls {
  const host = ['0.0.0.0', '::', ''].includes(config.host)
    ? '127.0.0.1'
    : config.host.includes(':')
      ? `[${config.host}]`
      : config.host;
  const at = (port: number) => `http://${host}:${port}`;
  return {
    order: at(config.services.order.port),
    orchestrator: at(config.services.orchestrator.port),
    inventory: at(config.services.inventory.port),
    payment: at(config.services.payment.port),
  };
}
