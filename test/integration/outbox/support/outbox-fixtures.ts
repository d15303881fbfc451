import mongoose, { type Connection } from 'mongoose';
import pino from 'pino';
import type { ConversationRef, Platform, UserRef } from '../../../../src/domain/identity';
import type { Message } from '../../../../src/messages/model';
import { ensureOutboxIndexes } from '../../../../src/outbox';
import { testDatabase, type TestDatabase } from '../../../support/database';

export const silentLogger = pino({ level: 'silent' });

export const T0 = new Date('2026-03-02T09:00:00Z');

export async function openOutboxDb(
  label: string,
): Promise<{ db: TestDatabase; conn: Connection; connect(): Promise<Connection>; close(): Promise<void> }> {
  const db = await testDatabase(label);
  const opened: Connection[] = [];
  const connect = async (): Promise<Connection> => {
    const c = mongoose.createConnection(db.uri);
    await c.asPromise();
    opened.push(c);
    return c;
  };
  const conn = await connect();
  await ensureOutboxIndexes(conn);
  return {
    db,
    conn,
    connect,
    close: async () => {
      await Promise.all(opened.map((c) => c.close()));
      await db.drop();
    },
  };
}

export function channel(id: string, platform: Platform = 'slack', workspaceId = 'T1'): ConversationRef {
  return { platform, workspaceId, conversationId: id, kind: 'channel' };
}

export function person(id: string, platform: Platform = 'slack', workspaceId = 'T1'): UserRef {
  return { platform, workspaceId, userId: id };
}

/** The tests' messages carry their outbox key as the summary, so sends can be traced back. */
export function msg(summary: string): Message {
  return { summary, blocks: [{ kind: 'text', text: [summary] }] };
}

export async function clearOutbox(conn: Connection): Promise<void> {
  await Promise.all(['outbox_items', 'outbox_queue', 'outbox_claims', 'outbox_payloads'].map((c) => conn.collection(c).deleteMany({})));
}
