import { randomBytes } from 'node:crypto';
import type { UserRef } from '../domain/identity';
import type { Mission } from '../domain/mission';
import {
  exportFailedMessage,
  exportLinkMessage,
  exportStartedMessage,
  exportSummary,
  type ExportCounts,
} from '../messages/export-messages';
import type { Message } from '../messages/model';
import type { StoredExport } from '../store/export-file-repository';
import type { FileDelivery } from './file-delivery';
import type { ServiceContext } from './context';
import { exportFilename, exportRows, toCsv, type ExportSource } from './export-csv';
import type { Actor } from './inbound-events';
import { todayIn, type MissionService } from './mission-service';
import type { PageRequest } from './report-pages';
import type { ReportingService } from './reporting-service';
import type { ApiPage } from '../http/api/schemas';

const PAGE = 100;

/** Reads every page of a list. */
async function everything<T>(read: (req: PageRequest) => Promise<ApiPage<T>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit: PAGE, ...(cursor ? { cursor } : {}) });
    out.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/**
 * `mission export <slug>`: a CSV of the mission's check-ins, blockers and indicator readings,
 * sent to the admin's direct messages as a file where the platform lets a bot post one
 * (Slack), else as a short-lived download link (Teams). The work runs after the reply, so
 * the command answers within the platform's 3 seconds however big the mission.
 */
export class ExportService {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly missions: MissionService,
    private readonly reporting: ReportingService,
    private readonly delivery: FileDelivery,
  ) {}

  /** Everything the CSV holds, through the same views as the reporting API. */
  async collect(mission: Mission): Promise<ExportSource> {
    const checkins = await everything((req) => this.reporting.checkins(mission, req));
    const blockers = await everything((req) => this.reporting.blockers(mission, req));
    const indicators = await everything((req) => this.reporting.indicators(mission, req));
    const withReadings = [];
    for (const indicator of indicators) {
      withReadings.push({ indicator, readings: await everything((req) => this.reporting.readings(mission, indicator.key, req)) });
    }
    return { timeZone: mission.timeZone, checkins, blockers, indicators: withReadings };
  }

  async csv(mission: Mission): Promise<{ bytes: Buffer; counts: ExportCounts }> {
    const source = await this.collect(mission);
    const counts = {
      checkins: source.checkins.length,
      blockers: source.blockers.length,
      readings: source.indicators.reduce((n, i) => n + i.readings.length, 0),
    };
    return { bytes: toCsv(exportRows(source)), counts };
  }

  /** Admins only. Answers at once; the file follows in a direct message. */
  async request(actor: Actor, slug: string): Promise<Message> {
    const { mission } = await this.missions.asAdmin(actor, slug);
    const key = `${mission.id}:${actor.platform}:${actor.workspaceId}:${actor.userId}`;
    if (!this.running.has(key)) {
      const user: UserRef = { platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId };
      const job = this.deliver(actor, user, mission).finally(() => this.running.delete(key));
      this.running.set(key, job);
    }
    return exportStartedMessage(mission);
  }

  /** Resolves once no export is being made, so a test can read what was sent. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  /** A stored export, if the link's key is right and it has not expired. */
  download(exportId: string, key: string): Promise<StoredExport | undefined> {
    return this.delivery.download(exportId, key);
  }

  private async deliver(actor: Actor, user: UserRef, mission: Mission): Promise<void> {
    const { store, clock, logger } = this.ctx;
    const exportId = randomBytes(16).toString('hex');
    try {
      const { bytes, counts } = await this.csv(mission);
      const at = clock.now();
      const filename = exportFilename(mission.slug, todayIn(mission.timeZone, at));
      const via = await this.delivery.toUser(
        user,
        { filename, contentType: 'text/csv; charset=utf-8', bytes, title: filename, comment: exportSummary(mission.slug, counts) },
        { missionId: mission.id, outboxKey: 'export', linkMessage: (url, minutes) => exportLinkMessage(mission, url, counts, minutes) },
      );
      await store.audit.record(mission.id, actor, 'mission.export', at, undefined, { ...counts, via });
      logger.info({ missionId: mission.id, via, ...counts }, 'export sent');
    } catch (e) {
      logger.error({ err: e, missionId: mission.id }, 'export failed');
      await this.ctx.outbox
        .enqueue({
          key: `export-failed:${exportId}`,
          missionId: mission.id,
          target: { user },
          message: exportFailedMessage(mission.slug),
          context: { kind: 'export-failed' },
        })
        .catch((err: unknown) => logger.error({ err, missionId: mission.id }, 'could not tell the admin their export failed'));
    }
  }
}
