import type { BenchOptions } from '../args';
import type { Results } from '../results';
import type { BotHandle } from './bot';
import type { BenchDatabase } from './database';

/** What every scenario gets from the runner. */
export interface BenchContext {
  opts: BenchOptions;
  db: BenchDatabase;
  results: Results;
  /** Progress for the person watching (stderr, so stdout stays table + JSON lines). */
  log(message: string): void;
  /** Where a scenario may write profiles or extra files. */
  artifactsDir: string;
}

/** Rounds a size by the scale, never below `min`. */
export function scaled(n: number, scale: number, min = 1): number {
  return Math.max(min, Math.round(n * scale));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Percentile of a sorted or unsorted list (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const round1 = (n: number): number => Math.round(n * 10) / 10;
export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** With BENCH_DB_TRACE=1, logs where the bot's database time went (the slowest query shapes). */
export async function logDbTrace(ctx: BenchContext, bot: BotHandle, label: string, top = 12): Promise<void> {
  if (!process.env.BENCH_DB_TRACE) return;
  const rows = (await bot.dbTrace()).slice(0, top);
  ctx.log(`${label}: database time by query shape (count, total ms, max ms):`);
  for (const r of rows)
    ctx.log(`  ${String(r.count).padStart(7)} ${String(r.totalMs).padStart(8)} ${String(r.maxMs).padStart(6)}  ${r.shape}`);
}
