import JSZip from 'jszip';
import { ManifestError } from '../errors';
import { substituteTeamsManifest } from '../substitute';
import { validateTeamsManifest } from '../validate';
import { iconProblems } from './icon-checks';

export interface TeamsPackageInput {
  manifest: unknown;
  colorPng: Buffer;
  outlinePng: Buffer;
  /** The bot's Microsoft App ID; without it the placeholder GUID stays in. */
  appId?: string;
  /** The bot's public host name; without it the placeholder host stays in. */
  host?: string;
}

export interface TeamsPackage {
  zip: Buffer;
  manifest: Record<string, unknown>;
  /** Placeholders left in (Teams will refuse the package until they are replaced). */
  placeholders: string[];
}

/** Substitute, validate, and zip manifest.json and both icons at the zip's root, as Teams expects. */
export async function buildTeamsPackage(input: TeamsPackageInput): Promise<TeamsPackage> {
  const { manifest, placeholders } = substituteTeamsManifest(input.manifest as Record<string, unknown>, input);
  const { errors } = validateTeamsManifest(manifest);
  if (errors.length > 0) {
    throw new ManifestError('MANIFEST_INVALID', `The Teams manifest is not valid:\n  ${errors.join('\n  ')}`);
  }
  const icons = iconProblems(input.colorPng, input.outlinePng);
  if (icons.length > 0) throw new ManifestError('ICON_INVALID', `The Teams icons are not valid:\n  ${icons.join('\n  ')}`);
  const { color, outline } = manifest.icons as { color: string; outline: string };
  const zip = new JSZip();
  // A fixed date keeps the zip identical for identical inputs.
  const date = new Date('2020-01-01T00:00:00Z');
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  zip.file(color, input.colorPng, { date });
  zip.file(outline, input.outlinePng, { date });
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { zip: buffer, manifest, placeholders };
}
