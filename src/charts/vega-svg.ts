import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Vega and Vega-Lite log to the console by default; src/ never does, and our specs are fixed. */
const silent = vega.logger(vega.None);

/**
 * Vega-Lite → Vega → SVG with the headless renderer: no canvas, no DOM, and (all data being
 * inline) no loader, so nothing reaches for the network.
 */
export async function vegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compile(spec, { logger: silent }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger: silent });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
