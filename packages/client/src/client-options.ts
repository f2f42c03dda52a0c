/** A bearer token, or how to get one for each request (a JWT minted on demand, say). */
export type TokenSource = string | (() => string | Promise<string>);

/** Where each service answers, e.g. `{ order: 'http://127.0.0.1:3000', ... }`. */
export interface ServiceUrls {
  readonly order: string;
  readonly orchestrator: string;
  readonly inventory: string;
  readonly payment: string;
}

export type ServiceKey = keyof ServiceUrls;

export interface PlatformClientOptions {
  readonly urls: ServiceUrls;
  /** Sent as `Authorization: Bearer <token>` unless a call gives its own; no header without one. */
  readonly token?: TokenSource;
  /** How long a request may take before it is abandoned (default 10 s). */
  readonly timeoutMs?: number;
}

/** What one call may change. */
export interface CallOptions {
  /** This call's token instead of the client's (a customer's own JWT, an admin token). */
  readonly token?: TokenSource;
  readonly timeoutMs?: number;
}

/** The local stack's services at their default ports on one host. */
export function localServiceUrls(
  ports: {
    readonly order: number;
    readonly orchestrator: number;
    readonly inventory: number;
    readonly payment: number;
  } = {
    order: 3000,
    orchestrator: 3001,
    inventory: 3002,
    payment: 3003,
  },
  host = '127.0.0.1',
): ServiceUrls {
  const at = (port: number) => `http://${host}:${port}`;
  return {
    order: at(ports.order),
    orchestrator: at(ports.orchestrator),
    inventory: at(ports.inventory),
    payment: at(ports.payment),
  };
}
