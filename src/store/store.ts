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
import { ExportFileRepository } from './export-file-repository';
import { CheckinPageRepository } from './checkin-page-repository';
import { PersonalDataRepository } from './personal-data-repository';
import { checkinModel } from './models/checkin-model';
import { detectQueryShapes, type QueryShapesSetting } from './query-shapes';
import { readShapes, type ReadShapes } from './read-shapes';

/**
 * Every repository over one connection, each built once, here. Each app instance (and test
 * "replica") has its own. The services reach the database only through these.
 */
export interface Store {
  /**
   * The connection the repositories share. Outside src/store/ only the outbox uses it: it keeps
   * its own four collections (src/outbox/README.md) on the same connection, which also pairs an
   * Outbox with the Dispatchers of its process (src/outbox/queue/local-feed.ts), so the app's
   * composition hands it this. Tests read raw documents through it.
   */
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
  /** Files kept behind private download links (exports, subject access). */
  exportFiles: ExportFileRepository;
  /** A mission's check-ins page by page, for the reporting API and exports. */
  checkinPages: CheckinPageRepository;
  /** Everything stored about one person across the collections: subject access, erasure, retention. */
  personalData: PersonalDataRepository;
  jobs: JobClaims;
  /** Change stamps for per-process caches of reads that are scans on some backends. */
  stamps: Stamps;
  /**
   * How the reads that can be made two ways are made on this server (read-shapes.ts), chosen
   * when the store opens; the repositories that make such reads were given it. For logs and
   * tests: nothing else branches on it.
   */
  readShapes: ReadShapes;
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
  const shapes = readShapes(
    queries === 'auto' ? await detectQueryShapes(connection, checkinModel(connection).collection.collectionName) : queries,
    connection,
  );
  const checkins = new CheckinRepository(connection, stamps, shapes);
  const store: Store = {
    connection,
    missions: new MissionRepository(connection, stamps, shapes),
    members: new MemberRepository(connection, stamps),
    workspaces: new WorkspaceRepository(connection),
    audit: new AuditRepository(connection),
    rounds: new RoundRepository(connection, stamps),
    checkins,
    weekPoints: new WeekPointRepository(connection, stamps, checkins),
    people: new PersonRepository(connection, shapes),
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
    exportFiles: new ExportFileRepository(connection),
    checkinPages: new CheckinPageRepository(connection),
    personalData: new PersonalDataRepository(connection),
    jobs: new JobClaims(connection, replicaId),
    stamps,
    readShapes: shapes,
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
