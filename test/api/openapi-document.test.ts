import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import document from '../../src/http/api/openapi.json';
import { createApiRouter } from '../../src/http/api/router';
import type { DataOut } from '../../src/services/data-out';
import type { MissionRepository } from '../../src/store/mission-repository';

/** The document, the generated types and the router agree, so server and client cannot drift. */
const ROOT = path.resolve(__dirname, '../..');

it('src/http/api/openapi-types.ts is what `npm run api:types` makes from openapi.json', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'openapi-types-'));
  try {
    const out = path.join(dir, 'types.ts');
    await new Promise<void>((resolve, reject) => {
      execFile(
        path.join(ROOT, 'node_modules/.bin/openapi-typescript'),
        ['src/http/api/openapi.json', '-o', out],
        { cwd: ROOT, timeout: 60_000 },
        (e) => (e ? reject(e) : resolve()),
      );
    });
    const fresh = await readFile(out, 'utf8');
    const committed = await readFile(path.join(ROOT, 'src/http/api/openapi-types.ts'), 'utf8');
    if (fresh !== committed) throw new Error('openapi-types.ts is out of date: run `npm run api:types` and commit the result');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);

it('every schema in the document compiles under JSON Schema 2020-12 (OpenAPI 3.1)', () => {
  const ajv = new Ajv2020({ strict: false, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(document as object, 'openapi');
  for (const name of Object.keys(document.components.schemas)) {
    expect(() => ajv.compile({ $ref: `openapi#/components/schemas/${name}` })).not.toThrow();
  }
  expect(document.openapi).toBe('3.1.0');
});

it('the router serves exactly the documented paths, all of them GET', () => {
  const deps = {
    dataOut: { apiTokens: {}, exports: {}, reporting: {} } as unknown as DataOut,
    missions: {} as MissionRepository,
    logger: pino({ level: 'silent' }),
  };
  const router = createApiRouter(deps) as unknown as { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  const served = router.stack
    .filter((layer) => layer.route)
    .map((layer) => `${Object.keys(layer.route!.methods).join(',')} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`);
  const documented = Object.entries(document.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
  expect(served.sort()).toEqual(documented.sort());
});
