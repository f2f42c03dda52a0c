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

export async function request<B = unknown>(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse<B>> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as B };
}

export const postOrder = <B = unknown>(base: string, body: unknown, headers: Record<string, string> = {}) =>
  request<B>(`${base}/orders`, { method: 'POST', body, headers });
