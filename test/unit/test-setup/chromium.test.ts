import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium, howToGetChromium } from '../../setup/chromium';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mission-pulse-chromium-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeBinary(name: string, mode: number): string {
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, mode);
  return file;
}

describe('finding Chromium for the browser test', () => {
  it('uses CHROMIUM_PATH when set, and says when it is not an executable file', () => {
    const good = fakeBinary('my-chrome', 0o755);
    expect(findChromium({ CHROMIUM_PATH: good, PATH: '' })).toEqual({ path: good, found: true, fromVariable: true });
    const notExecutable = fakeBinary('not-a-program', 0o644);
    expect(findChromium({ CHROMIUM_PATH: notExecutable, PATH: '' }).found).toBe(false);
    expect(howToGetChromium({ CHROMIUM_PATH: notExecutable })).toContain(
      `CHROMIUM_PATH is ${notExecutable}, which is not an executable file.`,
    );
  });

  it('finds chromium on PATH otherwise', () => {
    const bin = path.join(dir, 'bin');
    const empty = path.join(dir, 'empty');
    mkdirSync(bin);
    mkdirSync(empty);
    writeFileSync(path.join(bin, 'chromium'), '#!/bin/sh\n');
    chmodSync(path.join(bin, 'chromium'), 0o755);
    expect(findChromium({ PATH: [empty, bin].join(path.delimiter) })).toEqual({
      path: path.join(bin, 'chromium'),
      found: true,
      fromVariable: false,
    });
    expect(findChromium({ PATH: empty }).found).toBe(false);
  });

  it('without one, says how to install it, point at one, or leave the browser test out', () => {
    const advice = howToGetChromium({});
    expect(advice).toContain('needs Chromium, and none is on PATH');
    expect(advice).toContain('sudo apt-get install chromium');
    expect(advice).toContain('CHROMIUM_PATH');
    expect(advice).toContain('MISSION_PULSE_SKIP_BROWSER_TEST=1 npm test');
  });
});
