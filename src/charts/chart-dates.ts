const DAY_MS = 86_400_000;

/** Milliseconds (UTC) for YYYY-MM-DD or YYYY-MM (read as the first of the month); undefined if unreadable. */
export function parseChartDate(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Reject 2026-02-31 and friends rather than letting Date roll them into March.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return ms;
}

/** ISO day for Vega (always UTC, so the axis does not depend on the server's time zone). */
export function isoDay(ms: number): string {
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}
