import type { ServiceContext } from './context';
import type { Actor } from './inbound-events';
import { NO_REPLY, type Reply } from './replies';

/** A repeat this long after a first delivery that was never answered is handled again: the first crashed. */
export const STALE_DELIVERY_MS = 30_000;

/**
 * Handles an inbound event once per platform delivery id (a Teams activity id, which Teams
 * repeats when it retries). The claim is a unique insert beside the direct messages already
 * taken in (and purged with them), so a repeat gets no second answer and changes nothing, even
 * when it reaches another replica at the same moment. Events without an id run every time.
 */
export async function oncePerDelivery(
  ctx: ServiceContext,
  actor: Actor,
  deliveryId: string | undefined,
  handle: () => Promise<Reply>,
): Promise<Reply> {
  if (!deliveryId) return handle();
  const key = `delivery:${actor.platform}:${actor.workspaceId}:${deliveryId}`;
  if ((await ctx.store.conversations.claimMessage(key, ctx.clock.now(), STALE_DELIVERY_MS)) === 'duplicate') return NO_REPLY;
  const reply = await handle();
  await ctx.store.conversations.finishMessage(key);
  return reply;
}
