import type { TopLevelSpec } from 'vega-lite';

/**
 * Vega and Vega-Lite are loaded on the first chart, not at start: together they are a large
 * share of an idle bot's memory, and most processes draw a chart once a week at most.
 */
async function loadVega(): Promise<{ vega: typeof import('vega'); vegaLite: typeof import('vega-lite') }> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  return { vega, vegaLite };
}

/**
 * Vega-Lite → Vega → SVG with the headless renderer: no canvas, no DOM, and (all data being
 * inline) no loader, so nothing reaches for the network.
 */
export async function vegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vegaLite } = await loadVega();
  // Vega and Vega-Lite log to the console by default; src/ never does, and our specs are fixed.
  const silent = vega.logger(vega.None);
  const compiled = vegaLite.compile(spec, { logger: silent }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger: silent });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
