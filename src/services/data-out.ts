import { ApiTokenService } from './api-token-service';
import type { ServiceContext } from './context';
import { ExportService } from './export-service';
import { FileDelivery, type FilePorts } from './file-delivery';
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
  /** Files to people's direct messages (exports, subject access requests). */
  readonly files: FileDelivery;
  private ports?: FilePorts;

  constructor(ctx: ServiceContext, deps: ReportingSources & { missions: MissionService }) {
    this.reporting = new ReportingService(ctx, deps);
    this.apiTokens = new ApiTokenService(ctx, deps.missions, () => this.ports?.publicUrl());
    this.files = new FileDelivery(ctx);
    this.exports = new ExportService(ctx, deps.missions, this.reporting, this.files);
  }

  connect(ports: FilePorts): void {
    this.ports = ports;
    this.files.connect(ports);
  }
}
