import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { manifestPaths } from '../../manifests/paths';
import { iconProblems } from '../../manifests/teams/icon-checks';
import { drawColorIcon, drawOutlineIcon, encodePng, parseHexColour } from '../../manifests/teams/icon-drawing';

const paths = manifestPaths();
const read = (path: string): PNG => PNG.sync.read(readFileSync(path));
const pixel = (png: PNG, x: number, y: number): number[] => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];

describe('Teams icons', () => {
  it('has a 192×192 opaque colour icon on the accent colour, with a white line drawn on it', () => {
    const png = read(paths.teamsColorIcon);
    expect([png.width, png.height]).toEqual([192, 192]);
    const { accentColor } = JSON.parse(readFileSync(paths.teamsManifest, 'utf8')) as { accentColor: string };
    expect(pixel(png, 0, 0)).toEqual([...parseHexColour(accentColor), 255]);
    let white = 0;
    let seeThrough = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i + 3] !== 255) seeThrough++;
      if (png.data[i] === 255 && png.data[i + 1] === 255 && png.data[i + 2] === 255) white++;
    }
    expect(seeThrough).toBe(0);
    expect(white).toBeGreaterThan(500);
  });

  it('has a 32×32 outline icon of white strokes on a transparent background', () => {
    const png = read(paths.teamsOutlineIcon);
    expect([png.width, png.height]).toEqual([32, 32]);
    const colours = new Set<string>();
    let drawn = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i + 3] === 0) continue;
      drawn++;
      colours.add(`${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`);
    }
    expect([...colours]).toEqual(['255,255,255']);
    expect(drawn).toBeGreaterThan(40);
    expect(pixel(png, 0, 0)[3]).toBe(0);
    expect(pixel(png, 31, 31)[3]).toBe(0);
  });

  it('commits the icons that make-icons.ts draws (regenerate them after changing the drawing)', () => {
    const { accentColor } = JSON.parse(readFileSync(paths.teamsManifest, 'utf8')) as { accentColor: string };
    expect(read(paths.teamsColorIcon).data.equals(PNG.sync.read(encodePng(drawColorIcon(accentColor))).data)).toBe(true);
    expect(read(paths.teamsOutlineIcon).data.equals(PNG.sync.read(encodePng(drawOutlineIcon())).data)).toBe(true);
  });

  it('flags icons Teams would refuse', () => {
    const color = readFileSync(paths.teamsColorIcon);
    const outline = readFileSync(paths.teamsOutlineIcon);
    expect(iconProblems(color, outline)).toEqual([]);

    const grey = drawOutlineIcon();
    grey.data.set([128, 128, 128, 255], (5 * 32 + 7) * 4);
    expect(iconProblems(color, encodePng(grey))).toEqual(['outline.png: pixel 7,5 is not white or transparent']);

    expect(iconProblems(outline, color)).toEqual([
      'color.png: must be 192×192, is 32×32',
      'outline.png: must be 32×32, is 192×192',
      expect.stringContaining('is not white or transparent'),
    ]);
    expect(iconProblems(color, encodePng(new PNG({ width: 32, height: 32 })))).toEqual(['outline.png: is empty (fully transparent)']);
    expect(iconProblems(Buffer.from('not a png'), outline)).toEqual([expect.stringContaining('color.png: not a readable PNG')]);
  });
});
