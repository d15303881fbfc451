import net from 'node:net';
import { renderDigestChart, type ChartInput, type RenderedChart } from '../../../src/charts';
import { chartFontFiles } from '../../../src/charts/chart-font';
import { CHART_COLOURS } from '../../../src/charts/chart-style';
import { isMissionPulseError } from '../../../src/errors';
import { apprenticeshipStarts, realisticInput, twelveWeeks, youthClaimants } from './chart-fixtures';
import { inspectPng, PNG_SIGNATURE } from './png-inspect';

/** Checks every chart must pass: a real PNG, the size it claims, inside the budget, not blank. */
function expectUsablePng(chart: RenderedChart, maxBytes = 12_000): ReturnType<typeof inspectPng> {
  expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const image = inspectPng(chart.png);
  expect({ width: image.width, height: image.height }).toEqual({ width: chart.width, height: chart.height });
  expect(chart.png.length).toBeLessThanOrEqual(maxBytes);
  expect(chart.png.length).toBeGreaterThan(2_000);
  expect(image.distinctColours).toBeGreaterThanOrEqual(6);
  expect(image.inkShare).toBeGreaterThan(0.05);
  return image;
}

const sizes: string[] = [];
afterAll(() => {
  process.stdout.write(`chart sizes: ${sizes.join(', ')}\n`);
});

describe('renderDigestChart', () => {
  it('finds the DejaVu Sans file it draws labels with (from fonts-dejavu-core; without it the labels vanish)', () => {
    expect(chartFontFiles()).toEqual([expect.stringMatching(/DejaVuSans\.ttf$/)]);
  });

  it('draws twelve weeks and two indicators as a small, readable PNG, without touching the network', async () => {
    const connect = jest.spyOn(net.Socket.prototype, 'connect');
    const started = process.hrtime.bigint();
    const chart = await renderDigestChart(realisticInput());
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(`realistic chart: ${chart.width}×${chart.height}, ${chart.png.length} bytes, rendered in ${ms.toFixed(0)} ms\n`);
    sizes.push(`realistic ${chart.png.length} B`);

    expect(connect).not.toHaveBeenCalled();
    connect.mockRestore();
    expect(chart.width).toBe(560);
    expect(chart.height).toBeGreaterThan(200);
    expect(chart.height).toBeLessThan(400);
    const image = expectUsablePng(chart);
    // Every series is drawn in its palette colour, exactly (no quantising drift).
    expect(image.count(CHART_COLOURS.participation)).toBeGreaterThan(2_000);
    expect(image.count(CHART_COLOURS.confidence)).toBeGreaterThan(200);
    expect(image.count(CHART_COLOURS.trajectory)).toBeGreaterThan(100);
    expect(image.count(CHART_COLOURS.actual, Math.floor(chart.height * 0.55))).toBeGreaterThan(50);
    expect(chart.altText).toBe(
      'Confidence 3.6 of 5 (up 0.4) and participation 78% over 12 weeks; ' +
        'Youth claimants 412 against a trajectory of 430; Apprenticeship starts 14.9% against a trajectory of 16.3%.',
    );
  });

  it('honours a requested width', async () => {
    const chart = await renderDigestChart(realisticInput(), { width: 400 });
    expect(chart.width).toBe(400);
    expectUsablePng(chart);
  });

  it('shrinks the image until it fits a tighter byte budget', async () => {
    const chart = await renderDigestChart(realisticInput(), { maxBytes: 7_000 });
    sizes.push(`7 KB budget ${chart.width}px ${chart.png.length} B`);
    expect(chart.width).toBeLessThan(560);
    expectUsablePng(chart, 7_000);
  });

  it('refuses with a typed error when no readable size fits the budget', async () => {
    const attempt = renderDigestChart(realisticInput(), { maxBytes: 800 });
    await expect(attempt).rejects.toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'chart-too-large', maxBytes: 800 } });
    await attempt.catch((e: unknown) => expect(isMissionPulseError(e)).toBe(true));
  });

  it('draws a single week', async () => {
    const chart = await renderDigestChart({ weeks: twelveWeeks().slice(-1), indicators: [youthClaimants] });
    sizes.push(`one week ${chart.png.length} B`);
    const image = expectUsablePng(chart);
    expect(image.count(CHART_COLOURS.confidence)).toBeGreaterThan(5);
    // One bar, not a slab across the whole panel.
    expect(image.count(CHART_COLOURS.participation)).toBeLessThan(3_000);
    expect(chart.altText).toMatch(/^Confidence 3\.6 of 5 and participation 78% in 1 week; /);
  });

  it('draws participation alone when nobody has rated their confidence', async () => {
    const weeks = twelveWeeks().map(({ confidence: _unused, ...week }) => week);
    const chart = await renderDigestChart({ weeks, indicators: [apprenticeshipStarts] });
    sizes.push(`no confidence ${chart.png.length} B`);
    const image = expectUsablePng(chart);
    expect(image.count(CHART_COLOURS.confidence)).toBe(0);
    expect(image.count(CHART_COLOURS.participation)).toBeGreaterThan(2_000);
    expect(chart.altText).toMatch(/^No confidence answers yet and participation 78% over 12 weeks; /);
  });

  it('leaves out the indicator row when the mission has no indicators', async () => {
    const withIndicators = await renderDigestChart(realisticInput());
    const chart = await renderDigestChart({ ...realisticInput(), indicators: [] });
    sizes.push(`no indicators ${chart.png.length} B`);
    const image = expectUsablePng(chart);
    expect(image.count(CHART_COLOURS.trajectory)).toBe(0);
    expect(chart.height).toBeLessThan(withIndicators.height * 0.7);
    expect(chart.altText).toBe('Confidence 3.6 of 5 (up 0.4) and participation 78% over 12 weeks.');
  });

  it('extends the time axis for a reading taken after the target date, with the trajectory ending at the target', async () => {
    const late = {
      ...youthClaimants,
      target: { date: '2026-01-01', value: 440 },
      readings: [...youthClaimants.readings, { date: '2026-06-01', value: 430 }],
    };
    const chart = await renderDigestChart({ weeks: twelveWeeks(), indicators: [late] });
    const image = expectUsablePng(chart);
    const lowerPanel = Math.floor(chart.height * 0.55);
    expect(image.rightmost(CHART_COLOURS.actual, lowerPanel)).toBeGreaterThan(image.rightmost(CHART_COLOURS.trajectory, lowerPanel) + 20);
    expect(chart.altText).toContain('Youth claimants 430 against a trajectory of 440.');
  });

  it('still renders, and describes literally, names full of markup characters', async () => {
    const input: ChartInput = {
      title: '</text><script>alert(1)</script> & "mission"',
      weeks: twelveWeeks(),
      indicators: [{ ...youthClaimants, name: '<svg onload=x> & ]]> "claims"', unit: '<b>' }],
    };
    const chart = await renderDigestChart(input);
    expectUsablePng(chart);
    expect(chart.altText).toContain('<svg onload=x> & ]]> "claims" 412 <b> against a trajectory of 430 <b>');
  });

  it('copes with no weeks and no indicators at all', async () => {
    const chart = await renderDigestChart({ weeks: [], indicators: [] });
    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(inspectPng(chart.png).distinctColours).toBeGreaterThan(3);
    expect(chart.altText).toBe('No check-in weeks yet.');
  });
});
