import mongoose, { type Connection } from 'mongoose';
import { AuditRepository } from './audit-repository';
import { BlockerRepository } from './blocker-repository';
import { MemberRepository } from './member-repository';
import { MissionRepository } from './mission-repository';
import { upgradeMissionTimeZones } from './mission-zone-upgrade';
import { WorkspaceRepository } from './workspace-repository';
import { CheckinRepository } from './checkin-repository';
import { JobClaims } from './job-claims';
import { PersonRepository } from './person-repository';
import { RoundRepository } from './round-repository';
import { IndicatorRepository } from './indicator-repository';
import { BudgetRepository } from './budget-repository';
import { DraftRepository } from './draft-repository';
import { ConversationRepository } from './conversation-repository';
import { ApiTokenRepository } from './api-token-repository';
import { SlackInstallationRepository } from './slack-installation-repository';
import { TeamsTeamRepository } from './teams-team-repository';
import { InviteRepository } from './invite-repository';
import { MissionLinkRepository } from './mission-link-repository';
import { newId } from './ids';
import { Stamps } from './stamps';
import { WeekPointRepository } from './week-point-repository';
import { checkinModel } from './models/checkin-model';
import { detectQueryShapes, type QueryShapesSetting } from './query-shapes';

/** Every repository over one connection. Each app instance (and test "replica") has its own. */
export interface Store {
  connection: Connection;
  missions: MissionRepository;
  members: MemberRepository;
  workspaces: WorkspaceRepository;
  audit: AuditRepository;
  rounds: RoundRepository;
  checkins: CheckinRepository;
  /** Each round's participation and confidence figures, kept for the digests' trend. */
  weekPoints: WeekPointRepository;
  people: PersonRepository;
  /** Mission indicators, with their readings under `.readings`. */
  indicators: IndicatorRepository;
  budgets: BudgetRepository;
  blockers: BlockerRepository;
  /** Check-ins in progress, shared by the form and replies. */
  drafts: DraftRepository;
  /** Per person: which check-in replies are about; direct messages already taken in. */
  conversations: ConversationRepository;
  /** Reporting API tokens (hashes only). */
  apiTokens: ApiTokenRepository;
  /** Slack workspaces installed through OAuth (tokens sealed; the core never reads them). */
  slackInstallations: SlackInstallationRepository;
  /** Teams teams the bot was added to, with their General channel. */
  teamsTeams: TeamsTeamRepository;
  /** Invite codes (hashes) to link a mission to another workspace, and their single use. */
  invites: InviteRepository;
  /** Workspaces linked to missions, with the channels each chose. */
  missionLinks: MissionLinkRepository;
  jobs: JobClaims;
  /** Change stamps for per-process caches of reads that are scans on some backends. */
  stamps: Stamps;
  /**
   * The server answers only a lone `_id` equality from an index (FerretDB 1.x on SQLite): any
   * other filter, `$in` on `_id` included, reads the whole collection. Reads that have a choice
   * take parallel `_id` lookups there and one indexed query elsewhere (see query-shapes.ts).
   */
  idLookupsOnly: boolean;
  /** Identifies this process in claims, for debugging which replica did what. */
  replicaId: string;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Called with each database command's name and duration (metrics). */
  onCommand?: (command: string, seconds: number) => void;
  /** Forces the shape of reads (MISSION_PULSE_DB_QUERIES); default `auto`: the server is asked. */
  queries?: QueryShapesSetting;
}

export async function openStore(uri: string, dbName: string, opts: StoreOptions = {}): Promise<Store> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    autoIndex: false,
    // Fail fast when the database is down, so commands can say so within Slack's 3 seconds.
    serverSelectionTimeoutMS: 2000,
    bufferCommands: false,
    monitorCommands: opts.onCommand !== undefined,
  });
  if (opts.onCommand) {
    const onCommand = opts.onCommand;
    connection
      .getClient()
      .on('commandSucceeded', (ev: { commandName: string; duration: number }) => onCommand(ev.commandName, ev.duration / 1000));
    connection
      .getClient()
      .on('commandFailed', (ev: { commandName: string; duration: number }) => onCommand(ev.commandName, ev.duration / 1000));
  }
  await connection.asPromise();
  const replicaId = newId('replica');
  const stamps = new Stamps(connection);
  const queries = opts.queries ?? 'auto';
  const shapes = queries === 'auto' ? await detectQueryShapes(connection, checkinModel(connection).collection.collectionName) : queries;
  const idLookupsOnly = shapes === 'id-lookups';
  const checkins = new CheckinRepository(connection, stamps, idLookupsOnly);
  const store: Store = {
    connection,
    missions: new MissionRepository(connection, stamps, idLookupsOnly),
    members: new MemberRepository(connection, stamps),
    workspaces: new WorkspaceRepository(connection),
    audit: new AuditRepository(connection),
    rounds: new RoundRepository(connection, stamps),
    checkins,
    weekPoints: new WeekPointRepository(connection, stamps, checkins),
    people: new PersonRepository(connection),
    indicators: new IndicatorRepository(connection),
    budgets: new BudgetRepository(connection),
    blockers: new BlockerRepository(connection, stamps),
    drafts: new DraftRepository(connection),
    apiTokens: new ApiTokenRepository(connection),
    slackInstallations: new SlackInstallationRepository(connection),
    teamsTeams: new TeamsTeamRepository(connection),
    conversations: new ConversationRepository(connection),
    invites: new InviteRepository(connection),
    missionLinks: new MissionLinkRepository(connection),
    jobs: new JobClaims(connection, replicaId),
    stamps,
    idLookupsOnly,
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
  // Before anything reads: documents of older versions move to today's shape.
  await upgradeMissionTimeZones(connection);
  return store;
}
