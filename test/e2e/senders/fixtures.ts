import express from 'express';
import pino from 'pino';
import type { Config } from '../../../src/config';
import type { ConversationRef, UserRef } from '../../../src/domain/identity';
import type { Message } from '../../../src/messages/model';
import type { DmDirectory } from '../../../src/platform';
import type { Core } from '../../../src/services/core';
import { NO_REPLY } from '../../../src/services/replies';

export const silentLogger = pino({ level: 'silent' });

/** The senders never call the core; mounting the inbound side still needs one. */
export const idleCore: Core = {
  onCommand: async () => NO_REPLY,
  onAction: async () => NO_REPLY,
  onFormSubmit: async () => NO_REPLY,
  onDirectMessage: async () => NO_REPLY,
  onReachable: async () => undefined,
  onInstallChanged: async () => undefined,
  onHomeOpened: async () => ({ summary: '', blocks: [] }),
  onHomeRequested: async () => NO_REPLY,
};

export function baseConfig(parts: Pick<Config, 'slack' | 'teams'>): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    mongoDb: 'unused',
    dataDir: '/tmp/unused',
    dbQueries: 'auto',
    dev: false,
    ...parts,
  };
}

/** A directory of DMs held in memory, keyed by platform, workspace and user. */
export class MemoryDirectory implements DmDirectory {
  private readonly dms = new Map<string, ConversationRef>();
  private key(u: UserRef): string {
    return `${u.platform}:${u.workspaceId}:${u.userId}`;
  }
  remember(user: UserRef, dm: ConversationRef): void {
    this.dms.set(this.key(user), dm);
  }
  async findDm(user: UserRef): Promise<ConversationRef | undefined> {
    return this.dms.get(this.key(user));
  }
}

export function dummyHttp(): express.Application {
  return express();
}

export function checkInPrompt(week: string, extra: Message['blocks'] = []): Message {
  return {
    summary: `Check-in for ${week}`,
    blocks: [{ kind: 'header', text: `Weekly check-in: ${week}` }, { kind: 'text', text: ['What moved this week?'] }, ...extra],
  };
}

/** Runs `work` and returns what it threw (failing the test if it did not throw). */
export async function failureOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}
