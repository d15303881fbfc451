import { MongoClient } from 'mongodb';

export interface WaitForPingOptions {
  timeoutMs: number;
  /** Stop early when the server process has already died. */
  hasExited: () => boolean;
}

/** Resolves once the server answers `ping`; rejects with the last driver error otherwise. */
export async function waitForPing(uri: string, opts: WaitForPingOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastError: unknown = new Error('no attempt made');
  while (Date.now() < deadline && !opts.hasExited()) {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (error) {
      lastError = error;
    } finally {
      await client.close().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
