import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { within, WAIT_MS } from './wait-for';

export interface BotProcess {
  url: string;
  child: ChildProcess;
  /** Resolves once the bot has finished the requests it answered and its outbox has sent all that is due. */
  settled(): Promise<void>;
  /** Runs one scheduler pass in the bot and resolves when it has finished. */
  tick(): Promise<void>;
  /** SIGTERM and wait for exit (graceful). */
  stop(): Promise<void>;
  /** SIGKILL: no chance to finish anything. */
  kill(): Promise<void>;
  output(): string;
}

/** What the test asks the bot process over IPC, and its answer. */
export interface BotRequest {
  id: number;
  ask: 'settled' | 'tick';
}
export interface BotResponse {
  id: number;
  error?: string;
}

const ROOT = path.resolve(__dirname, '../..');

/** Starts test/support/bot-process.ts with `env` and resolves once it listens. */
export async function spawnBot(env: Record<string, string>, args: string[] = [], timeoutMs = 30_000): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/bot-process.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let nextId = 0;
  child.on('message', (response: BotResponse) => {
    const w = waiting.get(response.id);
    waiting.delete(response.id);
    if (response.error) w?.reject(new Error(`the bot process answered: ${response.error}`));
    else w?.resolve();
  });
  child.once('exit', (code, signal) => {
    for (const w of waiting.values()) w.reject(new Error(`the bot process exited (${signal ?? code}) before it answered`));
    waiting.clear();
  });
  const ask = (what: BotRequest['ask']): Promise<void> => {
    const id = ++nextId;
    const answered = new Promise<void>((resolve, reject) => waiting.set(id, { resolve, reject }));
    child.send({ id, ask: what } satisfies BotRequest);
    return within(answered, `the bot process to answer "${what}"`, WAIT_MS * 2);
  };

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = (): void => {
      const m = /READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code} before it was ready:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    settled: () => ask('settled'),
    tick: () => ask('tick'),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
