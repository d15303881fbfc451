import type { ConversationRef } from '../../src/domain/identity';
import { startCore, teamsUser, type CoreHarness } from '../support/core-harness';

/**
 * Every Teams direct message says how to reach its sender. The bot keeps the DM it last
 * confirmed, so ordinary messages cost no read, but an install, a changed conversation or an
 * erasure must always reach the database.
 */
let h: CoreHarness;
beforeAll(async () => {
  h = await startCore('reachability');
});
afterAll(async () => {
  await h.close();
});

const tamsin = teamsUser('29:tamsin', 'tenant-1', 'Tamsin');
const dm = (conversationId: string): ConversationRef => ({
  platform: 'teams',
  workspaceId: 'tenant-1',
  conversationId,
  kind: 'dm',
  serviceUrl: 'https://smba.example/uk/',
});

describe('remembering how to reach a Teams person', () => {
  it('stores the DM from a first message, and a new conversation replaces it', async () => {
    await h.core.onReachable({ user: tamsin, dm: dm('a:first'), seenOn: 'message' });
    expect((await h.store.people.get(tamsin))?.dm?.conversationId).toBe('a:first');
    await h.core.onReachable({ user: tamsin, dm: dm('a:second'), seenOn: 'message' });
    expect((await h.store.people.get(tamsin))?.dm?.conversationId).toBe('a:second');
  });

  it('stores it again after the app was removed and added back in the same conversation', async () => {
    await h.store.people.clearDm(tamsin, h.clock.now());
    expect((await h.store.people.get(tamsin))?.dm).toBeUndefined();
    await h.core.onReachable({ user: tamsin, dm: dm('a:second'), seenOn: 'install' });
    expect((await h.store.people.get(tamsin))?.dm?.conversationId).toBe('a:second');
  });

  it('stores it again when an erased person writes to the bot', async () => {
    const where = dm('a:second');
    await h.core.onAction({ actor: tamsin, where, actionId: 'privacy.forget.confirm', value: 'confirm' });
    expect(await h.store.people.get(tamsin)).toBeUndefined();
    await h.core.onReachable({ user: tamsin, dm: where, seenOn: 'message' });
    expect((await h.store.people.get(tamsin))?.dm?.conversationId).toBe('a:second');
  });
});
