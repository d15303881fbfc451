import { existsSync } from 'node:fs';

/**
 * DejaVu Sans comes with Debian's fonts-dejavu-core, which every machine image this project
 * runs on (developers', CI's, the deployed container) has installed. resvg is given the file
 * itself: its system-font scan is slow and finds nothing in some containers.
 */
const CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/local/share/fonts/DejaVuSans.ttf',
];

let cached: string[] | undefined;

/** Font files to hand resvg; empty means none was found and resvg must scan the system. */
export function chartFontFiles(): string[] {
  cached ??= CANDIDATES.filter((path) => existsSync(path)).slice(0, 1);
  return cached;
}
