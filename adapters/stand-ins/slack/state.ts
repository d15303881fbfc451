import { createHash, randomBytes } from 'node:crypto';
import type { SlackEphemeral, SlackFile, SlackMessage, SlackUserSeed, SlackView, SlackWorkspaceSeed } from './types';

export interface Workspace extends Required<Omit<SlackWorkspaceSeed, 'enterpriseId'>> {
  enterpriseId?: string;
}

export interface ChannelState {
  archived?: boolean;
  /** False makes chat.postMessage answer not_in_channel. Default true. */
  botIsMember?: boolean;
}

interface TriggerRecord {
  userId: string;
  teamId: string;
  issuedAt: number;
  used: boolean;
}

const shortHash = (text: string, length: number): string => createHash('sha256').update(text).digest('hex').slice(0, length).toUpperCase();

/** Everything the Slack stand-in remembers. Plain data plus lookups; no HTTP here. */
export class SlackState {
  readonly workspaces: Workspace[] = [];
  readonly users = new Map<string, SlackUserSeed>();
  readonly messages = new Map<string, SlackMessage[]>();
  readonly ephemerals: SlackEphemeral[] = [];
  readonly views = new Map<string, SlackView>();
  /** userId -> open modal stack (view ids, root first). */
  readonly modalStacks = new Map<string, string[]>();
  /** `${teamId}:${userId}` -> home view id. */
  readonly homeViews = new Map<string, string>();
  readonly files = new Map<string, SlackFile>();
  readonly channels = new Map<string, ChannelState>();
  readonly revokedTokens = new Set<string>();
  readonly triggers = new Map<string, TriggerRecord>();
  private lastMicros = 0;
  private counter = 0;

  constructor(workspaces: SlackWorkspaceSeed[], users: SlackUserSeed[]) {
    for (const seed of workspaces) this.addWorkspace(seed);
    for (const user of users) this.users.set(user.id, user);
  }

  addWorkspace(seed: SlackWorkspaceSeed): Workspace {
    const ws: Workspace = {
      teamId: seed.teamId,
      botTokens: [...seed.botTokens],
      teamName: seed.teamName ?? `Team ${seed.teamId}`,
      domain: seed.domain ?? seed.teamId.toLowerCase(),
      botUserId: seed.botUserId ?? `UB${shortHash(seed.teamId, 8)}`,
      botId: seed.botId ?? `B${shortHash(seed.teamId, 9)}`,
      appId: seed.appId ?? 'A0MISSIONPULSE',
      ...(seed.enterpriseId ? { enterpriseId: seed.enterpriseId } : {}),
    };
    this.workspaces.push(ws);
    return ws;
  }

  workspaceForToken(token: string): Workspace | undefined {
    return this.workspaces.find((w) => w.botTokens.includes(token));
  }

  workspace(teamId: string): Workspace | undefined {
    return this.workspaces.find((w) => w.teamId === teamId);
  }

  /** A unique, increasing Slack timestamp ("1700000000.000123"). */
  nextTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(6, '0')}${randomBytes(2).toString('hex').toUpperCase()}`;
  }

  /** The IM channel between the app and a user; stable for the pair like Slack's. */
  dmChannel(teamId: string, userId: string): string {
    return `D${shortHash(`${teamId}:${userId}`, 10)}`;
  }

  /** Slack accepts a user id as chat.postMessage channel and posts to the app's DM with them. */
  resolveChannel(teamId: string, channel: string): string {
    return /^[UW][A-Z0-9]+$/.test(channel) ? this.dmChannel(teamId, channel) : channel;
  }

  channelMessages(channel: string): SlackMessage[] {
    let list = this.messages.get(channel);
    if (!list) {
      list = [];
      this.messages.set(channel, list);
    }
    return list;
  }

  findMessage(channel: string, ts: string): SlackMessage | undefined {
    return this.messages.get(channel)?.find((m) => m.ts === ts && !m.deleted);
  }

  issueTrigger(teamId: string, userId: string): string {
    const id = `${Date.now()}${Math.floor(Math.random() * 1000)}.${Math.floor(Math.random() * 1e10)}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { userId, teamId, issuedAt: Date.now(), used: false });
    return id;
  }

  reset(): void {
    this.messages.clear();
    this.ephemerals.length = 0;
    this.views.clear();
    this.modalStacks.clear();
    this.homeViews.clear();
    this.files.clear();
    this.triggers.clear();
    this.revokedTokens.clear();
    this.channels.clear();
  }
}
