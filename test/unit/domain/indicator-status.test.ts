import {
  assess,
  AT_RISK_TOLERANCE,
  elapsedFraction,
  expectedAt,
  indicatorStatus,
  latestReading,
  ON_TRACK_TOLERANCE,
  statusForShortfall,
  valueNeededNow,
  type Trajectory,
} from '../../../src/domain/indicator-status';

/**
 * The trajectory runs over ten days, so the fifth day is exactly half way: the expected value
 * there is 300, and 5% / 15% of the planned change of 200 are 10 and 30.
 */
const down: Trajectory = { direction: 'down', baseline: { value: 400, date: '2025-01-01' }, target: { value: 200, date: '2025-01-11' } };
const up: Trajectory = { direction: 'up', baseline: { value: 200, date: '2025-01-01' }, target: { value: 400, date: '2025-01-11' } };
const MID = '2025-01-06';

const statusOf = (t: Trajectory, value: number, date = MID) => assess(t, { value, date }).status;

describe('the thresholds', () => {
  it('are 5% and 15% of the planned change', () => {
    expect(ON_TRACK_TOLERANCE).toBe(0.05);
    expect(AT_RISK_TOLERANCE).toBe(0.15);
  });

  it.each([
    [-1, 'on-track'],
    [0, 'on-track'],
    [0.0499, 'on-track'],
    [0.05, 'on-track'],
    [0.0501, 'at-risk'],
    [0.1499, 'at-risk'],
    [0.15, 'at-risk'],
    [0.1501, 'off-track'],
    [3, 'off-track'],
  ] as const)('a shortfall of %d is %s', (shortfall, status) => {
    expect(statusForShortfall(shortfall)).toBe(status);
  });
});

describe('a falling indicator (lower is better), half way to the target', () => {
  it('expects the value half way along the line', () => {
    expect(expectedAt(down, MID)).toBe(300);
  });

  it.each([
    [250, 'on-track'], // well ahead
    [300, 'on-track'], // on the line
    [309.99, 'on-track'], // just inside 5%
    [310, 'on-track'], // on 5%
    [310.01, 'at-risk'], // just outside 5%
    [329.99, 'at-risk'], // just inside 15%
    [330, 'at-risk'], // on 15%
    [330.01, 'off-track'], // just outside 15%
    [420, 'off-track'], // worse than the baseline
  ] as const)('a reading of %d is %s', (value, status) => {
    expect(statusOf(down, value)).toBe(status);
  });

  it('reports how far behind the reading is, as a share of the planned change', () => {
    expect(assess(down, { value: 320, date: MID })).toEqual({ status: 'at-risk', expected: 300, shortfall: 0.1 });
    expect(assess(down, { value: 280, date: MID }).shortfall).toBeCloseTo(-0.1, 12);
  });
});

describe('a rising indicator (higher is better), half way to the target', () => {
  it.each([
    [350, 'on-track'],
    [300, 'on-track'],
    [290.01, 'on-track'],
    [290, 'on-track'],
    [289.99, 'at-risk'],
    [270.01, 'at-risk'],
    [270, 'at-risk'],
    [269.99, 'off-track'],
    [150, 'off-track'],
  ] as const)('a reading of %d is %s', (value, status) => {
    expect(statusOf(up, value)).toBe(status);
  });
});

describe('outside the baseline-to-target period', () => {
  it('before the baseline date the line is flat at the baseline', () => {
    expect(elapsedFraction(down, '2024-12-01')).toBe(0);
    expect(expectedAt(down, '2024-12-01')).toBe(400);
    expect(statusOf(down, 410, '2024-12-01')).toBe('on-track');
    expect(statusOf(down, 410.01, '2024-12-01')).toBe('at-risk');
    expect(statusOf(down, 430, '2024-12-01')).toBe('at-risk');
    expect(statusOf(down, 430.01, '2024-12-01')).toBe('off-track');
  });

  it('on the baseline date the reading is compared with the baseline', () => {
    expect(expectedAt(up, '2025-01-01')).toBe(200);
    expect(statusOf(up, 190, '2025-01-01')).toBe('on-track');
    expect(statusOf(up, 189.99, '2025-01-01')).toBe('at-risk');
  });

  it('on and after the target date the line is flat at the target', () => {
    expect(expectedAt(down, '2025-01-11')).toBe(200);
    expect(elapsedFraction(down, '2026-06-30')).toBe(1);
    expect(expectedAt(down, '2026-06-30')).toBe(200);
    expect(statusOf(down, 210, '2026-06-30')).toBe('on-track');
    expect(statusOf(down, 210.01, '2026-06-30')).toBe('at-risk');
    expect(statusOf(down, 230, '2026-06-30')).toBe('at-risk');
    expect(statusOf(down, 230.01, '2026-06-30')).toBe('off-track');
    expect(statusOf(up, 390, '2026-06-30')).toBe('on-track');
    expect(statusOf(up, 369.99, '2026-06-30')).toBe('off-track');
  });
});

describe('a target equal to the baseline (holding a level)', () => {
  const hold: Trajectory = { direction: 'up', baseline: { value: 80, date: '2025-01-01' }, target: { value: 80, date: '2026-01-01' } };

  it('measures the shortfall against the level held', () => {
    expect(expectedAt(hold, '2025-07-01')).toBe(80);
    expect(statusOf(hold, 90, '2025-07-01')).toBe('on-track');
    expect(statusOf(hold, 76, '2025-07-01')).toBe('on-track'); // 5% of 80
    expect(statusOf(hold, 75.99, '2025-07-01')).toBe('at-risk');
    expect(statusOf(hold, 68, '2025-07-01')).toBe('at-risk'); // 15% of 80
    expect(statusOf(hold, 67.99, '2025-07-01')).toBe('off-track');
  });

  it('holding zero: any reading on the wrong side is off track', () => {
    const zero: Trajectory = { direction: 'down', baseline: { value: 0, date: '2025-01-01' }, target: { value: 0, date: '2026-01-01' } };
    expect(assess(zero, { value: 0, date: '2025-06-01' })).toEqual({ status: 'on-track', expected: 0 });
    expect(statusOf(zero, -2, '2025-06-01')).toBe('on-track');
    expect(statusOf(zero, 0.01, '2025-06-01')).toBe('off-track');
  });
});

describe('readings', () => {
  const at = (iso: string) => new Date(iso);

  it('without any, the status is no-data', () => {
    expect(assess(down, undefined)).toEqual({ status: 'no-data' });
    expect(indicatorStatus(down, [])).toBe('no-data');
  });

  it('only the latest reading counts, by date and then by when it was recorded', () => {
    const readings = [
      { value: 300, date: '2025-01-06', recordedAt: at('2025-01-07T09:00:00Z') },
      { value: 500, date: '2025-01-03', recordedAt: at('2025-01-09T09:00:00Z') },
      { value: 340, date: '2025-01-06', recordedAt: at('2025-01-08T09:00:00Z') },
    ];
    expect(latestReading(readings)?.value).toBe(340);
    expect(indicatorStatus(down, readings)).toBe('off-track');
  });
});

describe('valueNeededNow', () => {
  const real: Trajectory = { direction: 'down', baseline: { value: 420, date: '2024-04-01' }, target: { value: 210, date: '2030-03-01' } };

  it('is the trajectory on the day', () => {
    expect(valueNeededNow(down, MID)).toBe(300);
    expect(valueNeededNow(down, '2025-01-03')).toBe(360);
    expect(valueNeededNow(up, '2025-01-09')).toBe(360);
  });

  it('counts days between the dates, so the line is straight across months of different lengths', () => {
    // 2024-04-01 to 2030-03-01 is 2160 days; 2026-11-26 is day 969 of them.
    expect(valueNeededNow(real, '2026-11-26')).toBeCloseTo(420 - (210 * 969) / 2160, 9);
  });

  it('is the baseline before the baseline date and the target after the target date', () => {
    expect(valueNeededNow(real, '2023-01-01')).toBe(420);
    expect(valueNeededNow(real, '2031-01-01')).toBe(210);
  });
});
