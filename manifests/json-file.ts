import { readFileSync } from 'node:fs';
import { ManifestError, type ManifestErrorCode } from './errors';

/** Parse a JSON file, turning a missing or malformed file into a typed error naming it. */
export function readJsonFile(path: string, code: ManifestErrorCode = 'FILE_UNREADABLE'): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ManifestError(code, `Cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ManifestError(code, `${path} is not valid JSON: ${(err as Error).message}`);
  }
}
