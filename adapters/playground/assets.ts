import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MissionPulseError } from '../../src/errors';

/** The page's files, served from the source tree (the playground runs from source, under tsx). */
const WEB_DIR = path.join(__dirname, 'web');
/** The page's own script: plain browser modules, one concern each, served as they are (main.js imports the rest). */
const CLIENT_DIR = path.join(WEB_DIR, 'client');
const JS = 'text/javascript; charset=utf-8';

export interface PlaygroundAsset {
  body: string | Buffer;
  contentType: string;
}

const STATIC: Record<string, { file: string; contentType: string }> = {
  'playground.css': { file: path.join(WEB_DIR, 'playground.css'), contentType: 'text/css; charset=utf-8' },
  'adaptivecards.js': { file: require.resolve('adaptivecards/dist/adaptivecards.min.js'), contentType: JS },
};

/**
 * The renderers are TypeScript shared with the tests; esbuild (a dev dependency, as tsx is) turns
 * them into one browser script at start-up, in memory: no bundler configuration, no build step.
 */
async function bundleRenderers(): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(WEB_DIR, 'render', 'index.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'MissionPulseRender',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Reads every asset once; a missing file fails the start-up with its name rather than a 404 later. */
export async function loadAssets(): Promise<{ page: string; assets: Map<string, PlaygroundAsset> }> {
  try {
    const assets = new Map<string, PlaygroundAsset>();
    for (const [name, { file, contentType }] of Object.entries(STATIC)) assets.set(name, { body: await fs.readFile(file), contentType });
    assets.set('render.js', { body: await bundleRenderers(), contentType: JS });
    for (const name of (await fs.readdir(CLIENT_DIR)).filter((n) => n.endsWith('.js'))) {
      if (assets.has(name)) throw new Error(`web/client/${name} has the name of another asset`);
      assets.set(name, { body: await fs.readFile(path.join(CLIENT_DIR, name)), contentType: JS });
    }
    const page = await fs.readFile(path.join(WEB_DIR, 'index.html'), 'utf8');
    return { page, assets };
  } catch (e) {
    throw new MissionPulseError(
      'UNAVAILABLE',
      `The playground's page could not be prepared (run it from the source tree with \`npm run dev\`): ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
