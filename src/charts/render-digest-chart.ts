import { MissionPulseError } from '../errors';
import { chartAltText } from './chart-alt-text';
import { prepareChart } from './chart-data';
import { DEFAULT_CHART_MAX_BYTES, DEFAULT_CHART_WIDTH } from './chart-style';
import type { ChartInput, RenderChartOptions, RenderedChart } from './chart-types';
import { digestChartSpec } from './digest-chart-spec';
import { svgToPng } from './svg-to-png';
import { vegaLiteToSvg } from './vega-svg';

/** Each retry is this much narrower; below MIN_WIDTH the text would be unreadable, so we give up. */
const SHRINK = 0.85;
const MIN_WIDTH = 280;
/** Tried in turn at each width: exact colours first, then a lossy 32-colour palette. */
const PALETTES = [0, 32] as const;

/**
 * Renders the digest chart as a small indexed PNG, shrinking it until it fits `maxBytes`.
 * Throws UNAVAILABLE (details.reason 'chart-too-large') when even the smallest readable size
 * does not fit, so the digest can go out without its image rather than over the card limit.
 */
export async function renderDigestChart(input: ChartInput, opts: RenderChartOptions = {}): Promise<RenderedChart> {
  const maxBytes = opts.maxBytes ?? DEFAULT_CHART_MAX_BYTES;
  let width = Math.round(opts.width ?? DEFAULT_CHART_WIDTH);
  if (!(width > 0) || !(maxBytes > 0)) {
    throw new MissionPulseError('INVALID_INPUT', 'Chart width and maxBytes must be positive.', { width, maxBytes });
  }
  const chart = prepareChart(input);
  const altText = chartAltText(chart);
  const svg = await vegaLiteToSvg(digestChartSpec(chart));
  let smallest = Number.POSITIVE_INFINITY;
  for (;;) {
    for (const palette of PALETTES) {
      const image = await svgToPng(svg, width, palette);
      if (image.png.length <= maxBytes) return { ...image, altText };
      smallest = Math.min(smallest, image.png.length);
    }
    const next = Math.floor(width * SHRINK);
    if (next < Math.min(MIN_WIDTH, width)) break;
    width = next;
  }
  throw new MissionPulseError('UNAVAILABLE', 'The chart does not fit in the size allowed for it.', {
    reason: 'chart-too-large',
    maxBytes,
    smallestBytes: smallest,
  });
}
