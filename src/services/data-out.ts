import type { Platform } from '../domain/identity';
import type { PlatformSender } from '../outbox/platform-sender';
import { ApiTokenService } from './api-token-service';
import type { ServiceContext } from './context';
import { ExportService, type ExportPorts } from './export-service';
import type { MissionService } from './mission-service';
import { ReportingService, type ReportingSources } from './reporting-service';

/**
 * Data out of Mission Pulse: the read-only reporting views, the API tokens that guard them,
 * and the CSV export. Built with the other services; `connect` is called once the platforms'
 * senders and the server's address are known (src/http/api/mount.ts).
 */
export class DataOut {
  readonly reporting: ReportingService;
  readonly apiTokens: ApiTokenService;
  readonly exports: ExportService;
  private ports?: ExportPorts;

  constructor(ctx: ServiceContext, deps: ReportingSources & { missions: MissionService }) {
    this.reporting = new ReportingService(ctx, deps);
    this.apiTokens = new ApiTokenService(ctx, deps.missions, () => this.ports?.publicUrl());
    this.exports = new ExportService(ctx, deps.missions, this.reporting);
  }

  connect(ports: { senders: ReadonlyMap<Platform, PlatformSender>; publicUrl(): string | undefined }): void {
    this.ports = ports;
    this.exports.connect(ports);
  }
}
