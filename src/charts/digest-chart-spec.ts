import type { TopLevelSpec } from 'vega-lite';
import type { Field, PositionDef } from 'vega-lite/build/src/channeldef';
import type { NonNormalizedSpec } from 'vega-lite/build/src/spec';
import type { PreparedChart, PreparedIndicator, WeekRow } from './chart-data';
import { CHART_COLOURS as C, CHART_FONT_FAMILY } from './chart-style';

/**
 * Titles carry a `limit` because without a canvas Vega sizes text by estimate (0.8 em a
 * character, generous for DejaVu Sans) and a long name would otherwise widen the whole image.
 *
 * Layout in Vega's own units, tuned for a 560 px wide image; the PNG is scaled to the
 * requested width afterwards, so these only set proportions.
 */
const LAYOUT = {
  width: 560,
  /** Room Vega's axes and padding take outside the plot areas. */
  trendChrome: 96,
  trendHeight: 96,
  indicatorHeight: 72,
  indicatorChrome: 52,
  indicatorGap: 14,
};

type SubSpec = NonNormalizedSpec;

/** Numbers each unbroken run of weeks with a confidence average. */
function withRuns(weeks: WeekRow[]): Array<WeekRow & { run: number }> {
  let run = 0;
  return weeks.map((w) => {
    if (w.confidence === null) run += 1;
    return { ...w, run };
  });
}

/** Bars fill most of each week's slot, but one or two weeks should not become slabs. */
function barWidth(plotWidth: number, weeks: number): number {
  return Math.max(2, Math.min(28, Math.floor((0.62 * plotWidth) / Math.max(weeks, 1))));
}

function trendPanel(chart: PreparedChart, width: number): SubSpec {
  const order = chart.weeks.map((w) => w.label);
  const x: PositionDef<Field> = {
    field: 'label',
    type: 'ordinal',
    sort: order,
    title: null,
    axis: { labelAngle: 0, labelOverlap: true, ticks: false, domainColor: C.axis },
  };
  return {
    width,
    height: LAYOUT.trendHeight,
    data: { values: withRuns(chart.weeks) },
    layer: [
      {
        mark: { type: 'bar', color: C.participation, width: barWidth(width, chart.weeks.length) },
        encoding: {
          x,
          y: {
            field: 'participation',
            type: 'quantitative',
            scale: { domain: [0, 1] },
            axis: { orient: 'right', format: '.0%', tickCount: 3, grid: false, title: 'Participation', titleColor: C.participationText },
          },
        },
      },
      {
        transform: [{ filter: 'datum.confidence != null' }],
        layer: [
          // One line per run of rated weeks, so a week nobody rated shows as a gap, not a bridge.
          { mark: { type: 'line', color: C.confidence, strokeWidth: 2.5 }, encoding: { detail: { field: 'run', type: 'nominal' } } },
          { mark: { type: 'point', filled: true, opacity: 1, color: C.confidence, size: 36, stroke: C.background, strokeWidth: 1 } },
        ],
        encoding: {
          x,
          y: {
            field: 'confidence',
            type: 'quantitative',
            scale: { domain: [1, 5], nice: false },
            axis: { orient: 'left', values: [1, 2, 3, 4, 5], grid: true, title: 'Confidence (1–5)', titleColor: C.confidenceText },
          },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}

function indicatorTitle(ind: PreparedIndicator): string {
  const unit = ind.source.unit?.trim();
  const arrow = ind.source.direction === 'down' ? '↓' : '↑';
  return `${ind.source.name.trim()}${unit ? ` (${unit})` : ''} ${arrow}`;
}

function indicatorPanel(ind: PreparedIndicator, width: number): SubSpec {
  const x: PositionDef<Field> = {
    field: 'date',
    type: 'temporal',
    title: null,
    scale: { type: 'utc' },
    axis: { format: '%b %y', tickCount: 3, labelOverlap: true, grid: false, domainColor: C.axis },
  };
  const y: PositionDef<Field> = {
    field: 'value',
    type: 'quantitative',
    title: null,
    scale: { zero: false, nice: true },
    axis: { tickCount: 3, format: '~s' },
  };
  return {
    width,
    height: LAYOUT.indicatorHeight,
    title: { text: indicatorTitle(ind), limit: width + LAYOUT.indicatorChrome - 8, fontSize: 10, fontWeight: 'normal', anchor: 'start' },
    layer: [
      {
        data: { values: ind.trajectory },
        mark: { type: 'line', color: C.trajectory, strokeDash: [5, 3], strokeWidth: 1.5 },
        encoding: { x, y },
      },
      {
        data: { values: ind.readings },
        layer: [
          { mark: { type: 'line', color: C.actual, strokeWidth: 2 } },
          { mark: { type: 'point', filled: true, opacity: 1, color: C.actual, size: 28 } },
        ],
        encoding: { x, y },
      },
    ],
  };
}

/** Vega-Lite spec: the check-in trend on top, one small panel per indicator underneath. */
export function digestChartSpec(chart: PreparedChart): TopLevelSpec {
  const panels: SubSpec[] = [trendPanel(chart, LAYOUT.width - LAYOUT.trendChrome)];
  const n = chart.indicators.length;
  if (n > 0) {
    const each = Math.floor((LAYOUT.width - n * LAYOUT.indicatorChrome - (n - 1) * LAYOUT.indicatorGap) / n);
    panels.push({
      title: {
        text: 'Indicators: solid = actual, dashed = trajectory to target',
        fontSize: 10,
        fontWeight: 'normal',
        color: C.text,
        anchor: 'start',
      },
      hconcat: chart.indicators.map((ind) => indicatorPanel(ind, each)),
      spacing: LAYOUT.indicatorGap,
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...(chart.title ? { title: { text: chart.title, fontSize: 13, anchor: 'start', color: C.text, limit: LAYOUT.width - 12 } } : {}),
    background: C.background,
    padding: 6,
    vconcat: panels,
    spacing: 14,
    config: {
      font: CHART_FONT_FAMILY,
      view: { stroke: null },
      axis: {
        labelFontSize: 9,
        titleFontSize: 9,
        titleFontWeight: 'normal',
        labelColor: C.text,
        titleColor: C.text,
        gridColor: C.grid,
        tickColor: C.axis,
        domainColor: C.axis,
        labelPadding: 2,
      },
      title: { color: C.text, offset: 4 },
    },
  };
}
