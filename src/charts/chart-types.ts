/** What the digest hands the chart renderer: plain numbers, no store types, so it stays pure. */
export interface ChartWeek {
  weekKey: string;
  label?: string;
  /** Average 1–5; undefined when nobody answered. */
  confidence?: number;
  /** answered / asked, 0..1. */
  participation: number;
}

export interface ChartPoint {
  /** YYYY-MM-DD (or YYYY-MM). */
  date: string;
  value: number;
}

export interface ChartIndicator {
  name: string;
  unit?: string;
  direction: 'up' | 'down';
  readings: ChartPoint[];
  baseline: ChartPoint;
  target: ChartPoint;
}

export interface ChartInput {
  title?: string;
  /** Oldest first; up to ~12 weeks. */
  weeks: ChartWeek[];
  /** Up to ~4 indicators, each drawn against its straight-line trajectory from baseline to target. */
  indicators: ChartIndicator[];
}

export interface RenderedChart {
  png: Buffer;
  width: number;
  height: number;
  altText: string;
}

export interface RenderChartOptions {
  /** Pixel width of the PNG; the height follows the layout. Default 560. */
  width?: number;
  /** Largest PNG we may return, in bytes. Default 12,000 (it is inlined in a 28 KB Teams card). */
  maxBytes?: number;
}
