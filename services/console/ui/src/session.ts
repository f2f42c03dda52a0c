/** Who is logged in: the token they pasted, and who the console says it names. */
export interface Session {
  readonly token: string;
  readonly subject: string;
  readonly roles: readonly string[];
}

const key = 'saga-console.session';

/**
 * Kept in sessionStorage: it lasts as long as the tab, is not shared with other tabs, and is gone when
 * the tab closes, so a token pasted on a shared screen does not outlive the visit.
 */
export function currentSession(): Session | undefined {
  const stored = sessionStorage.getItem(key);
  if (stored === null) return undefined;
  try {
    return JSON.parse(stored) as Session;
  } catch {
    sessionStorage.removeItem(key);
    return undefined;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(key, JSON.stringify(session));
}

export function endSession(): void {
  sessionStorage.removeItem(key);
}

export const isAdmin = (session: Session | undefined) => session?.roles.includes('admin') ?? false;
