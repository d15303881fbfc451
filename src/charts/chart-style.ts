/**
 * Colours from the Okabe–Ito palette (distinguishable with every common colour-vision
 * deficiency); text colours are the darker variants so they keep ≥ 4.5:1 contrast on white.
 */
export const CHART_COLOURS = {
  background: '#ffffff',
  text: '#333333',
  grid: '#e5e5e5',
  axis: '#8c8c8c',
  /** Participation bars: sky blue fill, labelled in the darker blue. */
  participation: '#56b4e9',
  participationText: '#0072b2',
  /** Confidence line: vermillion. */
  confidence: '#d55e00',
  confidenceText: '#b34700',
  /** Indicator readings (solid) and the trajectory they are measured against (dashed). */
  actual: '#0072b2',
  trajectory: '#000000',
} as const;

/** The one font we load into resvg; Vega's text is set in it so measuring and drawing agree. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

export const DEFAULT_CHART_WIDTH = 560;
export const DEFAULT_CHART_MAX_BYTES = 12_000;
