const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `150s`, `10m`, `1h`, `500ms` or a bare number of seconds, in milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return undefined;
  const [, amount = '', unit = 's'] = match;
  const ms = Number(amount) * (UNITS[unit] ?? 1000);
  return ms > 0 ? ms : undefined;
}
