import { promises as fs } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const handle = globalThis.__missionPulseTestDatabase;
  if (!handle) return;
  globalThis.__missionPulseTestDatabase = undefined;
  try {
    await handle.database.stop();
  } finally {
    await fs.rm(handle.dataDir, { recursive: true, force: true });
  }
}
