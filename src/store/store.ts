import mongoose, { type Connection } from 'mongoose';
import { AuditRepository } from './audit-repository';
import { MemberRepository } from './member-repository';
import { MissionRepository } from './mission-repository';
import { WorkspaceRepository } from './workspace-repository';
import { CheckinRepository } from './checkin-repository';
import { JobClaims } from './job-claims';
import { PersonRepository } from './person-repository';
import { RoundRepository } from './round-repository';
import { newId } from './ids';

/** Every repository over one connection. Each app instance (and test "replica") has its own. */
export interface Store {
  connection: Connection;
  missions: MissionRepository;
  members: MemberRepository;
  workspaces: WorkspaceRepository;
  audit: AuditRepository;
  rounds: RoundRepository;
  checkins: CheckinRepository;
  people: PersonRepository;
  jobs: JobClaims;
  /** Identifies this process in claims, for debugging which replica did what. */
  replicaId: string;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openStore(uri: string, dbName: string): Promise<Store> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    autoIndex: false,
    // Fail fast when the database is down, so commands can say so within Slack's 3 seconds.
    serverSelectionTimeoutMS: 2000,
    bufferCommands: false,
  });
  await connection.asPromise();
  const replicaId = newId('replica');
  const store: Store = {
    connection,
    missions: new MissionRepository(connection),
    members: new MemberRepository(connection),
    workspaces: new WorkspaceRepository(connection),
    audit: new AuditRepository(connection),
    rounds: new RoundRepository(connection),
    checkins: new CheckinRepository(connection),
    people: new PersonRepository(connection),
    jobs: new JobClaims(connection, replicaId),
    replicaId,
    async ping() {
      try {
        const db = connection.db;
        if (!db) return false;
        await db.admin().command({ ping: 1 });
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await connection.close();
    },
  };
  // createIndexes only adds what is missing; it never drops an index another replica needs.
  await Promise.all(Object.values(connection.models).map((m) => m.createIndexes()));
  return store;
}
