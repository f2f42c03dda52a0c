import { currentSession, endSession } from './session.ts';

/** An answer that is not 2xx, with the platform's error code and message when the body has them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string };
}

/** Sends a request to the console's API with `token`; the JSON answer, or an ApiError saying why not. */
export async function request<T>(
  path: string,
  token: string,
  init: { readonly method?: 'GET' | 'POST'; readonly body?: unknown } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    throw new ApiError(0, 'CONSOLE_UNREACHABLE', `the console did not answer: ${String(error)}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as ErrorBody | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? `HTTP ${response.status}: ${text.slice(0, 200)}`,
    );
  }
  return body as T;
}

/** A request with the logged-in operator's token; a 401 (the token expired or was revoked) logs them out. */
export async function api<T>(
  path: string,
  init: { readonly method?: 'GET' | 'POST'; readonly body?: unknown } = {},
): Promise<T> {
  const session = currentSession();
  if (!session) {
    location.hash = '#/login';
    throw new ApiError(401, 'NOT_LOGGED_IN', 'log in first');
  }
  try {
    return await request<T>(path, session.token, init);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      endSession();
      location.hash = '#/login';
    }
    throw error;
  }
}

/** A query string from the set values only: `{ status: 'RUNNING', step: '' }` → `status=RUNNING`. */
export function query(values: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values))
    if (value !== undefined && value !== '') params.set(name, value);
  return params.toString();
}
