import { renderAsync } from '@resvg/resvg-js';
import * as UPNG from 'upng-js';
import { CHART_COLOURS, CHART_FONT_FAMILY } from './chart-style';
import { chartFontFiles } from './chart-font';

export interface PngImage {
  png: Buffer;
  width: number;
  height: number;
}

/** 0 keeps every colour (UPNG still writes an indexed PNG when there are ≤ 256 of them). */
export type PaletteSize = 0 | 16 | 32 | 64 | 256;

/**
 * Shapes are drawn without anti-aliasing (crispEdges) and only text is smoothed: the image
 * then holds a few dozen exact colours, so an indexed PNG is small *and* keeps the palette's
 * colours true, which lossy quantising would not guarantee for a lone point.
 */
export async function svgToPng(svg: string, width: number, paletteSize: PaletteSize = 0): Promise<PngImage> {
  const fontFiles = chartFontFiles();
  const rendered = await renderAsync(svg, {
    fitTo: { mode: 'width', value: width },
    background: CHART_COLOURS.background,
    shapeRendering: 1,
    textRendering: 1,
    font: {
      fontFiles,
      loadSystemFonts: fontFiles.length === 0,
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
    logLevel: 'off',
  });
  const pixels = rendered.pixels;
  const rgba = pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + pixels.byteLength) as ArrayBuffer;
  const png = Buffer.from(UPNG.encode([rgba], rendered.width, rendered.height, paletteSize));
  return { png, width: rendered.width, height: rendered.height };
}
