import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { MongoClient, MongoServerError } from 'mongodb';
import pino from 'pino';
import {
  defaultCacheDir,
  EmbeddedDatabaseError,
  NO_ENGINE_MESSAGE,
  NO_POSTGRESQL_MESSAGE,
  prepareEmbeddedDatabase,
  startEmbeddedDatabase,
} from '../../src/store/embedded';
import { testDatabase, type TestDatabase } from '../support/database';
import { embeddedChoiceOfRun } from '../support/test-engine';
import { waitFor } from '../support/wait-for';

const repoRoot = path.resolve(__dirname, '..', '..');
const logger = pino({ level: 'silent' });

function portOf(uri: string): number {
  const match = /^mongodb:\/\/127\.0\.0\.1:(\d+)\//.exec(uri);
  if (!match) throw new Error(`unexpected URI ${uri}`);
  return Number(match[1]);
}

function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function withClient<T>(uri: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    await client.connect();
    return await use(client);
  } finally {
    await client.close();
  }
}

/** Runs a TypeScript snippet in its own node process and resolves with the first line it prints. */
function spawnSnippet(
  code: string,
  env: NodeJS.ProcessEnv = process.env,
): { child: ChildProcessWithoutNullStreams; firstLine: Promise<string> } {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', code], { cwd: repoRoot, env });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`snippet exited with ${code}: ${stderr}`)));
  });
  return { child, firstLine };
}

describe('the shared test database', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await testDatabase('embedded_database');
  });

  afterAll(async () => {
    await db.drop();
  });

  it('answers ping', async () => {
    const reply = await withClient(db.uri, (client) => client.db(db.dbName).command({ ping: 1 }));
    expect(reply.ok).toBe(1);
  });

  it('stores and finds documents in the per-file database', async () => {
    await withClient(db.uri, async (client) => {
      const missions = client.db().collection<{ _id: string; statement: string }>('missions');
      await missions.insertOne({ _id: 'm1', statement: 'Eliminate long-term unemployment for under-25s' });
      expect(client.db().databaseName).toBe(db.dbName);
      expect(await missions.findOne({ _id: 'm1' })).toEqual({
        _id: 'm1',
        statement: 'Eliminate long-term unemployment for under-25s',
      });
    });
  });

  it('rejects a duplicate insert against a unique index with code 11000', async () => {
    await withClient(db.uri, async (client) => {
      const members = client.db().collection('members');
      await members.createIndex({ email: 1 }, { unique: true });
      await members.insertOne({ email: 'a@council.gov.uk' });
      const duplicate = members.insertOne({ email: 'a@council.gov.uk' });
      await expect(duplicate).rejects.toBeInstanceOf(MongoServerError);
      await expect(duplicate).rejects.toMatchObject({ code: 11000 });
      expect(await members.countDocuments({ email: 'a@council.gov.uk' })).toBe(1);
    });
  });
});

// The launcher is tested on the engine this run chose (MISSION_PULSE_TEST_ENGINE).
const engine = embeddedChoiceOfRun();
const start = (dataDir: string) => startEmbeddedDatabase({ dataDir, cacheDir: defaultCacheDir(), logger, engine });

describe(`startEmbeddedDatabase (${engine ?? 'default engine'})`, () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mp-embedded-test-'));
  });

  afterEach(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('serves a loopback URI without a database name, and frees the port when stopped', async () => {
    const database = await start(dataDir);
    const port = portOf(database.uri);
    try {
      expect(database.uri).toBe(`mongodb://127.0.0.1:${port}/?directConnection=true`);
      expect(engine ? [`ferretdb-${engine}`] : ['mongod', 'ferretdb-sqlite']).toContain(database.engine);
      expect(await isPortOpen(port)).toBe(true);
    } finally {
      await database.stop();
    }
    expect(await isPortOpen(port)).toBe(false);
    await expect(database.stop()).resolves.toBeUndefined();
  });

  // What survives a restart differs by engine: each run checks its own.
  const persistent = engine !== 'postgresql';
  const itIfPersistent = persistent ? it : it.skip;
  const itIfThrowaway = persistent ? it.skip : it;
  itIfPersistent('keeps data in its data folder across a restart', async () => {
    const first = await start(dataDir);
    try {
      await withClient(first.uri, (client) =>
        client
          .db('mp_persist')
          .collection('rounds')
          .insertOne({ _id: 'r1' } as never),
      );
    } finally {
      await first.stop();
    }

    const second = await start(dataDir);
    try {
      const found = await withClient(second.uri, (client) =>
        client
          .db('mp_persist')
          .collection('rounds')
          .findOne({ _id: 'r1' } as never),
      );
      expect(found).toEqual({ _id: 'r1' });
    } finally {
      await second.stop();
    }
  });

  itIfThrowaway('starts from nothing each time (the postgresql engine is a throwaway cluster)', async () => {
    const first = await start(dataDir);
    try {
      await withClient(first.uri, (client) =>
        client
          .db('mp_throwaway')
          .collection('rounds')
          .insertOne({ _id: 'r1' } as never),
      );
    } finally {
      await first.stop();
    }
    const second = await start(dataDir);
    try {
      const names = await withClient(second.uri, async (client) =>
        (await client.db().admin().listDatabases()).databases.map((d) => d.name),
      );
      expect(names).not.toContain('mp_throwaway');
    } finally {
      await second.stop();
    }
  });

  it('stops the server when the process that started it is killed with SIGKILL', async () => {
    const code = `
      const { startEmbeddedDatabase, defaultCacheDir } = require('./src/store/embedded');
      const pino = require('pino');
      startEmbeddedDatabase({ dataDir: ${JSON.stringify(dataDir)}, cacheDir: defaultCacheDir(), logger: pino({ level: 'silent' }), engine: ${JSON.stringify(engine)} })
        .then((db) => { console.log(db.uri); setInterval(() => undefined, 60000); })
        .catch((error) => { console.error(error); process.exit(1); });
    `;
    // Temporary folders (the postgresql engine's cluster) go in one of our own, to see them go.
    const tmp = path.join(dataDir, 'tmp');
    await fs.mkdir(tmp, { mode: 0o755 });
    await fs.chmod(dataDir, 0o755); // PostgreSQL runs as its own account when we are root
    const { child, firstLine } = spawnSnippet(code, { ...process.env, TMPDIR: tmp });
    const port = portOf(await firstLine);
    expect(await isPortOpen(port)).toBe(true);
    const clusters = async () => (await fs.readdir(tmp)).filter((name) => name.startsWith('mission-pulse-postgresql-'));
    expect(await clusters()).toHaveLength(engine === 'postgresql' ? 1 : 0);

    child.kill('SIGKILL');
    await waitFor(async () => !(await isPortOpen(port)), { what: `the orphaned server's port ${port} to close` });
    // The watchdog stops PostgreSQL (fast shutdown) and then deletes its folder.
    await waitFor(async () => (await clusters()).length === 0, {
      timeoutMs: 20_000,
      what: 'the orphaned PostgreSQL cluster folder to be removed',
    });
  });

  it('has a watchdog that stops a server which cannot watch its stdin (as for mongod) when the parent is killed', async () => {
    // A stand-in server that ignores stdin, like mongod.
    const code = `
      const { spawn } = require('node:child_process');
      const { startWatchdog } = require('./src/store/embedded/watchdog');
      const server = spawn(process.execPath, ['-e', "const s = require('net').createServer().listen(0, '127.0.0.1', () => console.log(s.address().port))"], { stdio: ['ignore', 'pipe', 'inherit'] });
      startWatchdog(server.pid);
      server.stdout.once('data', (port) => { console.log(String(port).trim()); setInterval(() => undefined, 60000); });
    `;
    const { child, firstLine } = spawnSnippet(code);
    const port = Number(await firstLine);
    expect(await isPortOpen(port)).toBe(true);

    child.kill('SIGKILL');
    await waitFor(async () => !(await isPortOpen(port)), { what: `the orphaned server's port ${port} to close` });
  });
});

describe('prepareEmbeddedDatabase', () => {
  it('says what to install when the postgresql engine is chosen and PostgreSQL cannot be found', async () => {
    const attempt = prepareEmbeddedDatabase({
      cacheDir: defaultCacheDir(),
      logger,
      engine: 'postgresql',
      postgresqlDirs: ['/nonexistent/bin'],
    });
    await expect(attempt).rejects.toMatchObject({ code: 'EMBEDDED_DB_NO_POSTGRESQL', message: NO_POSTGRESQL_MESSAGE });
    expect(NO_POSTGRESQL_MESSAGE).toMatch(/apt-get install postgresql-15/);
  });

  it('says what to install when neither mongod nor Go can be found', async () => {
    const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mp-empty-cache-'));
    try {
      const attempt = prepareEmbeddedDatabase({
        cacheDir,
        logger,
        goCandidates: ['/nonexistent/go'],
        mongodCandidates: ['/nonexistent/mongod'],
      });
      await expect(attempt).rejects.toBeInstanceOf(EmbeddedDatabaseError);
      await expect(attempt).rejects.toMatchObject({ code: 'EMBEDDED_DB_NO_ENGINE', message: NO_ENGINE_MESSAGE });
    } finally {
      await fs.rm(cacheDir, { recursive: true, force: true });
    }
  });

  it('finds the already-built FerretDB wrapper without Go', async () => {
    const first = await prepareEmbeddedDatabase({ cacheDir: defaultCacheDir(), logger, preferMongod: false });
    const again = await prepareEmbeddedDatabase({
      cacheDir: defaultCacheDir(),
      logger,
      preferMongod: false,
      goCandidates: ['/nonexistent/go'],
    });
    expect(again).toEqual({ engine: 'ferretdb-sqlite', binaryPath: first.binaryPath });
    await expect(fs.access(first.binaryPath)).resolves.toBeUndefined();
  });
});
