import { PNG } from 'pngjs';
import { ManifestError } from '../errors';

type Point = readonly [number, number];
type Rgb = readonly [number, number, number];

/** The heartbeat trace, in a unit box: flat, a small rise, a deep dip, a tall spike, flat. */
const PULSE: readonly Point[] = [
  [0, 0.55],
  [0.27, 0.55],
  [0.37, 0.3],
  [0.52, 0.85],
  [0.66, 0.12],
  [0.77, 0.55],
  [1, 0.55],
];

const WHITE: Rgb = [255, 255, 255];
const AMBER: Rgb = [242, 184, 75];
const SUBSAMPLES = 4; // 4×4 samples a pixel: smooth edges without a graphics library

export function parseHexColour(hex: string): Rgb {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new ManifestError('MANIFEST_INVALID', `Not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1], 16), parseInt(match[2], 16), parseInt(match[3], 16)];
}

function scale(points: readonly Point[], left: number, top: number, width: number, height: number): Point[] {
  return points.map(([x, y]) => [left + x * width, top + y * height] as const);
}

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** A shape: a test for "is this point inside?", and the pixel box outside which nothing is. */
interface Shape {
  contains(point: Point): boolean;
  box: { left: number; top: number; right: number; bottom: number };
}

function boxAround(points: readonly Point[], margin: number): Shape['box'] {
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  return {
    left: Math.floor(Math.min(...xs) - margin),
    top: Math.floor(Math.min(...ys) - margin),
    right: Math.ceil(Math.max(...xs) + margin),
    bottom: Math.ceil(Math.max(...ys) + margin),
  };
}

function polyline(points: readonly Point[], width: number): Shape {
  const segments = points.slice(1).map((end, i) => [points[i], end] as const);
  return {
    contains: (point) => segments.some(([a, b]) => distanceToSegment(point, a, b) <= width / 2),
    box: boxAround(points, width / 2),
  };
}

function disc(centre: Point, radius: number): Shape {
  return {
    contains: ([x, y]) => Math.hypot(x - centre[0], y - centre[1]) <= radius,
    box: boxAround([centre], radius),
  };
}

/** The share (0–1) of pixel (x, y) that the shape covers. */
function coverage(shape: Shape, x: number, y: number): number {
  let inside = 0;
  for (let i = 0; i < SUBSAMPLES; i++) {
    for (let j = 0; j < SUBSAMPLES; j++) {
      if (shape.contains([x + (i + 0.5) / SUBSAMPLES, y + (j + 0.5) / SUBSAMPLES])) inside++;
    }
  }
  return inside / (SUBSAMPLES * SUBSAMPLES);
}

/** Paint `colour` over the image where `shape` covers it, blending edges. */
function paint(png: PNG, shape: Shape, colour: Rgb): void {
  const { left, top, right, bottom } = shape.box;
  for (let y = Math.max(0, top); y < Math.min(png.height, bottom + 1); y++) {
    for (let x = Math.max(0, left); x < Math.min(png.width, right + 1); x++) {
      const a = coverage(shape, x, y);
      if (a === 0) continue;
      const i = (png.width * y + x) * 4;
      const under = png.data[i + 3] / 255;
      const alpha = a + under * (1 - a);
      for (let c = 0; c < 3; c++) {
        const blended = (colour[c] * a + png.data[i + c] * under * (1 - a)) / alpha;
        png.data[i + c] = Math.round(blended);
      }
      png.data[i + 3] = Math.round(alpha * 255);
    }
  }
}

/** Teams' 192×192 colour icon: a white heartbeat line with an amber dot on the accent colour. */
export function drawColorIcon(background: string): PNG {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  const [r, g, b] = parseHexColour(background);
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = r;
    png.data[i + 1] = g;
    png.data[i + 2] = b;
    png.data[i + 3] = 255;
  }
  // Teams crops to a rounded square and asks for the symbol inside the middle ~2/3.
  const line = scale(PULSE, 36, 56, 112, 80);
  paint(png, polyline(line, 11), WHITE);
  paint(png, disc(line[line.length - 1], 10), AMBER);
  return png;
}

/** Teams' 32×32 outline icon: the same line, white on a transparent background. */
export function drawOutlineIcon(): PNG {
  const png = new PNG({ width: 32, height: 32 }); // starts fully transparent
  paint(png, polyline(scale(PULSE, 3, 6, 26, 20), 2.5), WHITE);
  return png;
}

export function encodePng(png: PNG): Buffer {
  return PNG.sync.write(png, { colorType: 6 });
}
