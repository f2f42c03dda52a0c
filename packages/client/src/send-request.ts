import type { ApiResponse } from './api-response.ts';
import type { TokenSource } from './client-options.ts';
import { PlatformApiError } from './platform-api-error.ts';
import { PlatformUnreachableError } from './platform-unreachable-error.ts';

/** One HTTP request as the client makes it. */
export interface Request {
  readonly method: 'GET' | 'PUT' | 'POST';
  readonly url: string;
  readonly token: TokenSource | undefined;
  readonly timeoutMs: number;
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Error statuses that are answers of the operation, not errors (/readyz's 503). */
  readonly answers?: readonly number[];
}

/**
 * Sends a request and reads its answer: JSON bodies parsed, any other kept as text.
 * @throws PlatformApiError for an answer with an error status (4xx, 5xx)
 * @throws PlatformUnreachableError when no answer came in time
 */
export async function sendRequest<T>(request: Request): Promise<ApiResponse<T>> {
  const url = withQuery(request.url, request.query);
  const described = `${request.method} ${url}`;
  const token = typeof request.token === 'function' ? await request.token() : request.token;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: request.method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new PlatformUnreachableError(described, error);
  }
  const body = parsed(text, response.headers.get('content-type'));
  if (response.status >= 400 && request.answers?.includes(response.status) !== true)
    throw new PlatformApiError(described, response.status, body, response.headers);
  return { status: response.status, headers: response.headers, body: body as T };
}

function withQuery(url: string, query: Readonly<Record<string, unknown>> | undefined): string {
  if (!query) return url;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? (value as unknown[]) : [value]) search.append(name, String(one));
  }
  const text = search.toString();
  return text === '' ? url : `${url}?${text}`;
}

function parsed(text: string, contentType: string | null): unknown {
  if (text === '') return undefined;
  if (contentType?.includes('json') !== true) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
