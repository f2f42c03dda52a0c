/** Where the console is: the hash after `#`, as a path and query (`#/sagas?status=RUNNING`). */
export interface Route {
  readonly path: string;
  readonly params: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = location.hash.replace(/^#/, '') || '/overview';
  const [path = '/overview', search = ''] = hash.split('?', 2);
  return { path, params: new URLSearchParams(search) };
}

/** The hash for a path and query, leaving out empty values. */
export function href(path: string, params: Readonly<Record<string, string | undefined>> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(name, value);
  const text = search.toString();
  return `#${path}${text === '' ? '' : `?${text}`}`;
}

export function go(path: string, params: Readonly<Record<string, string | undefined>> = {}): void {
  location.hash = href(path, params);
}
