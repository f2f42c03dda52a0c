const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A timestamp as local date and time to the millisecond, or a dash. */
export function time(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '–';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '–';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A duration in ms as people read it: 850 ms, 2.4 s, 3 min 5 s, 2 h 10 min. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}

/** Milliseconds between two timestamps, or null when either is missing. */
export function between(from: unknown, to: unknown): number | null {
  if (typeof from !== 'string' || typeof to !== 'string') return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isNaN(ms) ? null : ms;
}

/** How long ago, in words: "12 s ago". */
export function ago(value: unknown): string {
  if (typeof value !== 'string') return '–';
  const ms = Date.now() - Date.parse(value);
  return Number.isNaN(ms) ? '–' : `${duration(Math.max(0, ms))} ago`;
}

/** A number with at most `digits` decimals, or a dash. */
export function num(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return String(Math.round(value * 10 ** digits) / 10 ** digits);
}

/** Any value as indented JSON. */
export const json = (value: unknown) => JSON.stringify(value, null, 2);
