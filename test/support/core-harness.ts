import pino from 'pino';
import { ManualClock } from '../../src/domain/clock';
import type { ConversationRef } from '../../src/domain/identity';
import type { Message, RichText } from '../../src/messages/model';
import type { Core } from '../../src/services/core';
import { createRuntime, type Runtime } from '../../src/runtime';
import type { Actor } from '../../src/services/inbound-events';
import type { Reply } from '../../src/services/replies';
import { openStore, type Store } from '../../src/store/store';
import { testDatabase, type TestDatabase } from './database';

/** The core on a real database, without HTTP: for service-level tests. */
export interface CoreHarness {
  core: Core;
  runtime: Runtime;
  store: Store;
  clock: ManualClock;
  db: TestDatabase;
  close(): Promise<void>;
}

export async function startCore(label: string, at = new Date('2026-11-27T10:00:00Z')): Promise<CoreHarness> {
  const db = await testDatabase(label);
  const store = await openStore(db.uri, db.dbName);
  const clock = new ManualClock(at);
  const runtime = await createRuntime({ store, clock, logger: pino({ level: 'silent' }) });
  return {
    core: runtime.services.core,
    runtime,
    store,
    clock,
    db,
    async close() {
      await runtime.stop({ deadlineMs: 2000 });
      await store.close();
      await db.drop();
    },
  };
}

export function slackUser(userId: string, team = 'T1', name = userId): Actor {
  return { platform: 'slack', workspaceId: team, userId, displayName: name };
}

export function teamsUser(userId: string, tenant = 'tenant-1', name = userId): Actor {
  return { platform: 'teams', workspaceId: tenant, userId, displayName: name };
}

export function channelOf(actor: Actor, conversationId = 'C-general'): ConversationRef {
  return { platform: actor.platform, workspaceId: actor.workspaceId, conversationId, kind: 'channel' };
}

/** Runs a command as `actor` in `where` (a channel by default). */
export function command(
  h: CoreHarness,
  actor: Actor,
  text: string,
  where: ConversationRef = channelOf(actor),
  mentionNames: Record<string, string> = {},
): Promise<Reply> {
  const [word, ...rest] = text.split(' ');
  return h.core.onCommand({ actor, where, command: word, text: rest.join(' '), mentionNames });
}

function richToText(t: RichText): string {
  return t.map((i) => (typeof i === 'string' ? i : 'bold' in i ? i.bold : `@${i.user.name}`)).join('');
}

/** All the words of a message, as a person would read them. */
export function messageText(m: Message): string {
  return m.blocks
    .map((b) => {
      switch (b.kind) {
        case 'header':
          return b.text;
        case 'text':
        case 'context':
          return richToText(b.text);
        case 'fields':
          return b.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
        case 'list':
          return [b.title ?? '', ...b.items.map(richToText), b.more ? `and ${b.more} more` : ''].join('\n');
        case 'progress':
          return `${b.label} ${b.value}/${b.max}`;
        case 'image':
          return b.altText;
        case 'actions':
          return b.buttons.map((x) => x.label).join(' ');
        default:
          return '';
      }
    })
    .join('\n');
}

/** The text of a reply that carries a message. */
export function replyText(r: Reply): string {
  if (r.kind === 'private' || r.kind === 'public' || r.kind === 'update') return messageText(r.message);
  if (r.kind === 'form-done' && r.message) return messageText(r.message);
  return '';
}
