import { bearer, testTokens } from '@saga/testing';

/** An HTTP answer with its JSON body read. */
export interface JsonResponse<B = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: B;
}

/** The platform's error body. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details?: readonly { readonly path: string; readonly message: string }[];
  };
}

/**
 * A JSON request with the test api token (`token: null` sends none); `rawBody` is sent as it is, for
 * bodies JSON.stringify cannot make (malformed, duplicated keys).
 */
export async function request<B = unknown>(
  url: string,
  init: {
    method?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    token?: string | null;
  } = {},
): Promise<JsonResponse<B>> {
  const hasBody = init.body !== undefined || init.rawBody !== undefined;
  const token = init.token === undefined ? testTokens.admin : init.token;
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...(token === null ? {} : bearer(token)),
      ...init.headers,
    },
    ...(init.rawBody !== undefined
      ? { body: init.rawBody }
      : init.body === undefined
        ? {}
        : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as B };
}

export const postOrder = <B = unknown>(base: string, body: unknown, headers: Record<string, string> = {}) =>
  request<B>(`${base}/orders`, { method: 'POST', body, headers });
