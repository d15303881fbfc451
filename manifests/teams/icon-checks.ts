import { PNG } from 'pngjs';

export const ICON_SIZES = { color: 192, outline: 32 } as const;

function decode(name: string, file: Buffer): PNG | string {
  try {
    return PNG.sync.read(file);
  } catch (err) {
    return `${name}: not a readable PNG (${(err as Error).message})`;
  }
}

/** What Teams would reject in the two icons: wrong sizes, or an outline that is not white on transparent. */
export function iconProblems(color: Buffer, outline: Buffer): string[] {
  const problems: string[] = [];
  const colorPng = decode('color.png', color);
  const outlinePng = decode('outline.png', outline);
  if (typeof colorPng === 'string') problems.push(colorPng);
  else if (colorPng.width !== ICON_SIZES.color || colorPng.height !== ICON_SIZES.color) {
    problems.push(`color.png: must be ${ICON_SIZES.color}×${ICON_SIZES.color}, is ${colorPng.width}×${colorPng.height}`);
  }
  if (typeof outlinePng === 'string') return [...problems, outlinePng];
  if (outlinePng.width !== ICON_SIZES.outline || outlinePng.height !== ICON_SIZES.outline) {
    problems.push(`outline.png: must be ${ICON_SIZES.outline}×${ICON_SIZES.outline}, is ${outlinePng.width}×${outlinePng.height}`);
  }
  const { data } = outlinePng;
  let drawn = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] === 0) continue;
    drawn++;
    if (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255) {
      problems.push(`outline.png: pixel ${(i / 4) % outlinePng.width},${Math.floor(i / 4 / outlinePng.width)} is not white or transparent`);
      break;
    }
  }
  if (drawn === 0) problems.push('outline.png: is empty (fully transparent)');
  return problems;
}
