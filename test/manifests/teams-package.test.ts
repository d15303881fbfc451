import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { findRepoRoot, manifestPaths } from '../../manifests/paths';
import { buildTeamsPackage } from '../../manifests/teams/build-package';
import { PLACEHOLDER_APP_ID, PLACEHOLDER_HOST } from '../../manifests/substitute';
import { validateTeamsManifest } from '../../manifests/validate';

const run = promisify(execFile);
const repoRoot = findRepoRoot();
const paths = manifestPaths(repoRoot);
const APP_ID = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mission-pulse-teams-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const packageTeams = (...args: string[]) => run('npm', ['run', '--silent', 'package:teams', '--', ...args], { cwd: repoRoot });

describe('npm run package:teams', () => {
  it('writes an uploadable zip: manifest.json and both icons at the root, app id and host filled in', async () => {
    const out = join(dir, 'app.zip');
    const { stderr } = await packageTeams('--app-id', APP_ID, '--host', 'pulse.council.gov.uk', '--out', out);
    expect(stderr).not.toMatch(/placeholder/i);

    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      id: string;
      bots: { botId: string }[];
      validDomains: string[];
    };
    expect(validateTeamsManifest(manifest)).toEqual({ valid: true, errors: [] });
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.validDomains).toEqual(['pulse.council.gov.uk']);
    expect(JSON.stringify(manifest)).not.toContain(PLACEHOLDER_HOST);
    expect((await zip.file('color.png')!.async('nodebuffer')).equals(readFileSync(paths.teamsColorIcon))).toBe(true);
    expect((await zip.file('outline.png')!.async('nodebuffer')).equals(readFileSync(paths.teamsOutlineIcon))).toBe(true);
  });

  it('still packages without arguments, but warns that the placeholders are left in', async () => {
    const out = join(dir, 'placeholders.zip');
    const { stderr } = await packageTeams('--out', out);
    expect(stderr).toContain(PLACEHOLDER_APP_ID);
    expect(stderr).toContain(PLACEHOLDER_HOST);
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(await zip.file('manifest.json')!.async('string')).toContain(PLACEHOLDER_APP_ID);
  });

  it('fails with a clear message, and writes nothing, when the app id is not a GUID', async () => {
    const out = join(dir, 'bad.zip');
    await expect(packageTeams('--app-id', 'my-bot', '--out', out)).rejects.toMatchObject({
      stderr: expect.stringContaining('INVALID_APP_ID'),
    });
    expect(existsSync(out)).toBe(false);
  });
});

describe('buildTeamsPackage', () => {
  it('refuses a manifest that fails validation, saying what is wrong', async () => {
    const manifest = JSON.parse(readFileSync(paths.teamsManifest, 'utf8')) as { validDomains: string[] };
    manifest.validDomains = ['*.example.org'];
    await expect(
      buildTeamsPackage({
        manifest,
        colorPng: readFileSync(paths.teamsColorIcon),
        outlinePng: readFileSync(paths.teamsOutlineIcon),
      }),
    ).rejects.toMatchObject({ code: 'MANIFEST_INVALID', message: expect.stringContaining('/validDomains/0: no wildcards') });
  });

  it('refuses icons of the wrong size', async () => {
    await expect(
      buildTeamsPackage({
        manifest: JSON.parse(readFileSync(paths.teamsManifest, 'utf8')),
        colorPng: readFileSync(paths.teamsOutlineIcon),
        outlinePng: readFileSync(paths.teamsOutlineIcon),
      }),
    ).rejects.toMatchObject({ code: 'ICON_INVALID', message: expect.stringContaining('color.png: must be 192×192') });
  });
});
