import { createHash, randomBytes } from 'node:crypto';
import type { Platform, UserRef } from '../domain/identity';
import type { Message } from '../messages/model';
import type { OutgoingFile, PlatformSender } from '../outbox/platform-sender';
import type { ExportFileRepository, StoredExport } from '../store/export-file-repository';
import type { ServiceContext } from './context';
import { withoutTrailingSlashes } from '../text/trim-chars';

/** What file delivery needs from the running server; given once the platforms are mounted. */
export interface FilePorts {
  senders: ReadonlyMap<Platform, PlatformSender>;
  /** The server's address as people's browsers reach it, for download links. */
  publicUrl(): string | undefined;
}

/** How long a download link works. */
const DOWNLOAD_LINK_MINUTES = 60;

const downloadLinkPath = (id: string, key: string): string => `/api/v1/exports/${id}?key=${key}`;

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Puts a file in a person's direct messages: uploaded where the platform lets a bot post files
 * (Slack), else kept for an hour behind a private download link sent through the outbox (Teams
 * bots cannot post files without the consent flow). Used by exports and subject access.
 */
export class FileDelivery {
  private ports?: FilePorts;
  readonly files: ExportFileRepository;

  constructor(private readonly ctx: ServiceContext) {
    this.files = ctx.store.exportFiles;
  }

  connect(ports: FilePorts): void {
    this.ports = ports;
  }

  async toUser(
    user: UserRef,
    file: OutgoingFile,
    opts: { missionId: string; outboxKey: string; linkMessage: (url: string, minutes: number) => Message },
  ): Promise<'file' | 'link'> {
    const sender = this.ports?.senders.get(user.platform);
    if (sender?.sendFile) {
      const dm = (await this.ctx.store.people.get(user))?.dm ?? (await sender.openDm(user));
      await sender.sendFile(dm, file);
      return 'file';
    }
    const publicUrl = this.ports?.publicUrl();
    const base = publicUrl ? withoutTrailingSlashes(publicUrl) : undefined;
    if (!base) throw new Error('no public URL is known for download links');
    const at = this.ctx.clock.now();
    const id = randomBytes(16).toString('hex');
    const key = randomBytes(32).toString('hex');
    await this.files.deleteExpired(at);
    await this.files.save({
      exportId: id,
      missionId: opts.missionId,
      keyHash: hashKey(key),
      filename: file.filename,
      body: file.bytes.toString('utf8'),
      createdAt: at,
      expiresAt: new Date(at.getTime() + DOWNLOAD_LINK_MINUTES * 60_000),
    });
    await this.ctx.outbox.enqueue({
      key: `${opts.outboxKey}:${id}`,
      missionId: opts.missionId,
      target: { user },
      message: opts.linkMessage(`${base}${downloadLinkPath(id, key)}`, DOWNLOAD_LINK_MINUTES),
      context: { kind: 'file-link' },
    });
    return 'link';
  }

  /** A stored file, if the link's key is right and it has not expired. */
  download(id: string, key: string): Promise<StoredExport | undefined> {
    return this.files.open(id, hashKey(key), this.ctx.clock.now());
  }
}
