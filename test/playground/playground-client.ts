import pino from 'pino';
import { startPlayground, type PlaygroundState, type RunningPlayground } from '../../adapters/playground';
import { testDatabase, type TestDatabase } from '../support/database';

/** A playground on a fresh test database, and the page's JSON API as the tests call it. */
export interface TestPlayground {
  playground: RunningPlayground;
  /** The app's address on 127.0.0.1. */
  base: string;
  post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
  state(as: string): Promise<PlaygroundState>;
  stop(): Promise<void>;
}

export async function startTestPlayground(label: string, opts: { demo?: boolean } = {}): Promise<TestPlayground> {
  const db: TestDatabase = await testDatabase(label);
  const playground = await startPlayground({
    env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', MONGODB_URI: db.uri, MONGODB_DB: db.dbName },
    logger: pino({ level: 'silent' }),
    scheduler: false,
    ...(opts.demo ? { demo: true } : {}),
  });
  const base = playground.app.url.replace('localhost', '127.0.0.1');
  return {
    playground,
    base,
    async post(path, body) {
      const res = await fetch(`${base}/playground/api${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    },
    async state(as) {
      return (await (await fetch(`${base}/playground/api/state?as=${as}`)).json()) as PlaygroundState;
    },
    async stop() {
      await playground.stop();
      await db.drop();
    },
  };
}
