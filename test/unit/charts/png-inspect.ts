import { PNG } from 'pngjs';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface Inspected {
  width: number;
  height: number;
  distinctColours: number;
  /** Share of pixels that are not the white background. */
  inkShare: number;
  /** Pixels of exactly this colour (#rrggbb), optionally only below a given row. */
  count(hex: string, fromRow?: number): number;
  /** Right-most column holding this exact colour below a given row, or -1. */
  rightmost(hex: string, fromRow?: number): number;
}

export function inspectPng(png: Buffer): Inspected {
  const image = PNG.sync.read(png);
  const { width, height, data } = image;
  const hexAt = (i: number): string => `#${[data[i], data[i + 1], data[i + 2]].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const colours = new Set<string>();
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    const hex = hexAt(i);
    colours.add(hex);
    if (hex !== '#ffffff') ink += 1;
  }
  const scan = (hex: string, fromRow: number, visit: (x: number) => void): void => {
    for (let y = fromRow; y < height; y++) {
      for (let x = 0; x < width; x++) if (hexAt((y * width + x) * 4) === hex) visit(x);
    }
  };
  return {
    width,
    height,
    distinctColours: colours.size,
    inkShare: ink / (width * height),
    count(hex, fromRow = 0) {
      let n = 0;
      scan(hex.toLowerCase(), fromRow, () => (n += 1));
      return n;
    },
    rightmost(hex, fromRow = 0) {
      let right = -1;
      scan(hex.toLowerCase(), fromRow, (x) => (right = Math.max(right, x)));
      return right;
    },
  };
}
