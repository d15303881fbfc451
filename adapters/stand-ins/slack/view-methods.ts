import { randomBytes } from 'node:crypto';
import { validateView } from './block-limits';
import { blockErrors, SlackApiError } from './errors';
import type { MethodContext, MethodHandler, MethodResult } from './method-context';
import { optJson, optString, reqString } from './params';
import type { SlackState } from './state';
import type { SlackView } from './types';

/** Trigger ids expire after 3 seconds and work once (not scaled: the bot must still answer promptly). */
const TRIGGER_TTL_MS = 3000;
/** Slack allows a modal stack of at most 3 views. */
const MAX_STACK = 3;

const newHash = (): string => `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`;

function readView(ctx: MethodContext, expected: 'modal' | 'home' | 'any'): Record<string, unknown> {
  const view = optJson(ctx.params, 'view', 'invalid_arguments');
  const errors = validateView(view, expected);
  if (errors.length > 0) throw blockErrors('invalid_arguments', errors);
  return view as Record<string, unknown>;
}

/** The user a trigger belongs to; enforces single use and expiry for triggers this stand-in issued. */
function consumeTrigger(ctx: MethodContext): string | undefined {
  const triggerId = reqString(ctx.params, 'trigger_id', 'invalid_trigger_id');
  const record = ctx.state.triggers.get(triggerId);
  if (!record) {
    if (ctx.strictTriggerIds) throw new SlackApiError('invalid_trigger_id');
    return undefined;
  }
  if (record.used) throw new SlackApiError('invalid_trigger_id');
  if (Date.now() - record.issuedAt > TRIGGER_TTL_MS) throw new SlackApiError('expired_trigger_id');
  record.used = true;
  return record.userId;
}

function buildView(
  ctx: MethodContext,
  raw: Record<string, unknown>,
  userId: string | undefined,
  previous: SlackView | null,
  rootId?: string,
): SlackView {
  const id = ctx.state.nextId('V');
  const view: SlackView = {
    id,
    teamId: ctx.ws.teamId,
    ...(userId ? { userId } : {}),
    type: raw.type === 'home' ? 'home' : 'modal',
    callbackId: typeof raw.callback_id === 'string' ? raw.callback_id : '',
    privateMetadata: typeof raw.private_metadata === 'string' ? raw.private_metadata : '',
    externalId: typeof raw.external_id === 'string' ? raw.external_id : '',
    hash: newHash(),
    title: raw.title,
    submit: raw.submit,
    close: raw.close,
    blocks: Array.isArray(raw.blocks) ? raw.blocks : [],
    rootViewId: rootId ?? id,
    previousViewId: previous?.id ?? null,
    raw,
    closed: false,
  };
  if (view.externalId) {
    const clash = [...ctx.state.views.values()].find((v) => v.externalId === view.externalId && !v.closed);
    if (clash) throw new SlackApiError('duplicate_external_id');
  }
  ctx.state.views.set(id, view);
  return view;
}

function applyContent(view: SlackView, raw: Record<string, unknown>): void {
  view.raw = raw;
  view.callbackId = typeof raw.callback_id === 'string' ? raw.callback_id : view.callbackId;
  view.privateMetadata = typeof raw.private_metadata === 'string' ? raw.private_metadata : '';
  view.title = raw.title;
  view.submit = raw.submit;
  view.close = raw.close;
  view.blocks = Array.isArray(raw.blocks) ? raw.blocks : [];
  view.hash = newHash();
}

export function viewPayload(view: SlackView, appId: string, botId: string): MethodResult {
  return {
    id: view.id,
    team_id: view.teamId,
    type: view.type,
    blocks: view.blocks,
    private_metadata: view.privateMetadata,
    callback_id: view.callbackId,
    state: { values: {} },
    hash: view.hash,
    ...(view.title !== undefined ? { title: view.title } : {}),
    ...(view.submit !== undefined ? { submit: view.submit } : {}),
    ...(view.close !== undefined ? { close: view.close } : {}),
    clear_on_close: false,
    notify_on_close: false,
    previous_view_id: view.previousViewId,
    root_view_id: view.rootViewId,
    app_id: appId,
    external_id: view.externalId,
    app_installed_team_id: view.teamId,
    bot_id: botId,
  };
}

const answer = (ctx: MethodContext, view: SlackView): MethodResult => ({ ok: true, view: viewPayload(view, ctx.ws.appId, ctx.ws.botId) });

const stackKey = (userId: string | undefined): string => userId ?? 'unknown-user';

export function closeStack(state: SlackState, userId: string | undefined): void {
  for (const id of state.modalStacks.get(stackKey(userId)) ?? []) {
    const view = state.views.get(id);
    if (view) view.closed = true;
  }
  state.modalStacks.delete(stackKey(userId));
}

const open: MethodHandler = (ctx) => {
  const raw = readView(ctx, 'modal');
  const userId = consumeTrigger(ctx);
  closeStack(ctx.state, userId);
  const view = buildView(ctx, raw, userId, null);
  ctx.state.modalStacks.set(stackKey(userId), [view.id]);
  return answer(ctx, view);
};

const push: MethodHandler = (ctx) => {
  const raw = readView(ctx, 'modal');
  const userId = consumeTrigger(ctx);
  const stack = ctx.state.modalStacks.get(stackKey(userId));
  if (!stack || stack.length === 0) throw new SlackApiError('not_found');
  if (stack.length >= MAX_STACK) throw new SlackApiError('push_limit_reached');
  const top = ctx.state.views.get(stack[stack.length - 1]) ?? null;
  const view = buildView(ctx, raw, userId, top, stack[0]);
  stack.push(view.id);
  return answer(ctx, view);
};

const update: MethodHandler = (ctx) => {
  const viewId = optString(ctx.params, 'view_id');
  const externalId = optString(ctx.params, 'external_id');
  const view = viewId
    ? ctx.state.views.get(viewId)
    : [...ctx.state.views.values()].find((v) => externalId !== undefined && v.externalId === externalId);
  if (!view || view.closed) throw new SlackApiError('not_found');
  const raw = readView(ctx, view.type);
  const hash = optString(ctx.params, 'hash');
  if (hash !== undefined && hash !== view.hash) throw new SlackApiError('hash_conflict');
  applyContent(view, raw);
  return answer(ctx, view);
};

const publish: MethodHandler = (ctx) => {
  const userId = reqString(ctx.params, 'user_id', 'user_not_found');
  const raw = readView(ctx, 'home');
  const key = `${ctx.ws.teamId}:${userId}`;
  const existing = ctx.state.views.get(ctx.state.homeViews.get(key) ?? '');
  const hash = optString(ctx.params, 'hash');
  if (existing && hash !== undefined && hash !== existing.hash) throw new SlackApiError('hash_conflict');
  if (existing) {
    applyContent(existing, raw);
    return answer(ctx, existing);
  }
  const view = buildView(ctx, raw, userId, null);
  ctx.state.homeViews.set(key, view.id);
  return answer(ctx, view);
};

export const viewMethods: Record<string, MethodHandler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};

/** Open modal stack of a user (root first). */
export function openModals(state: SlackState, userId: string | undefined): SlackView[] {
  return (state.modalStacks.get(stackKey(userId)) ?? [])
    .map((id) => state.views.get(id))
    .filter((v): v is SlackView => v !== undefined && !v.closed);
}
