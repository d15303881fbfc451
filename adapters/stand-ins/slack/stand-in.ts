import express, { type Request, type Response } from 'express';
import { FaultInjector, type FaultKind, type FaultOptions } from '../common/faults';
import { listenOnLoopback } from '../common/http-server';
import { formatRetryAfter, RateLimiter } from '../common/rate-limiter';
import { ChangeWaiter } from '../common/waiter';
import { chatMethods } from './chat-methods';
import { SlackApiError } from './errors';
import { fileMethods } from './file-methods';
import type { MethodContext, MethodHandler } from './method-context';
import { miscMethods } from './misc-methods';
import { SlackOAuth } from './oauth';
import { optString, type SlackParams } from './params';
import { slackRateChecks } from './rate-limits';
import { bearerToken, parseSlackBody, uploadedBytes } from './request-body';
import { applyResponseUrl, type ResponseUrlRecord } from './response-url';
import { SlackState, type ChannelState, type Workspace } from './state';
import type {
  ResponseUrlOptions,
  SlackCall,
  SlackEphemeral,
  SlackFile,
  SlackMessage,
  SlackResponseUrlPost,
  SlackStandInOptions,
  SlackUserSeed,
  SlackView,
  SlackWorkspaceSeed,
} from './types';
import { closeStack, openModals, viewMethods } from './view-methods';

export const DEFAULT_SLACK_TEAM_ID = 'T0MISSION';
export const DEFAULT_SLACK_BOT_TOKEN = 'xoxb-stand-in-token';

export interface SlackStandIn {
  /** http://127.0.0.1:PORT */
  readonly baseUrl: string;
  /** http://127.0.0.1:PORT/api/ — for WebClient / Bolt `slackApiUrl`. */
  readonly apiUrl: string;
  /** The first workspace's team id and bot token (handy defaults). */
  readonly teamId: string;
  readonly botToken: string;
  readonly botUserId: string;
  workspace(teamId?: string): Workspace;
  addWorkspace(seed: SlackWorkspaceSeed): Workspace;
  addUser(user: SlackUserSeed): void;
  /** OAuth v2 for a distributed app: GET /oauth/v2/authorize and oauth.v2.access. */
  readonly oauth: SlackOAuth;
  /** http://127.0.0.1:PORT/oauth/v2/authorize — the page "Add to Slack" sends people to. */
  readonly authorizeUrl: string;
  /** Later calls with this token answer token_revoked. */
  revokeToken(token: string): void;
  /** Mark a channel archived or the bot not a member. */
  setChannel(channel: string, state: ChannelState): void;
  /** A response_url bound to this channel / user (and the source message, for replace/delete_original). */
  responseUrl(opts: ResponseUrlOptions): string;
  /** A trigger_id views.open / views.push accept once, within 3 s, for this user. */
  triggerIdFor(userId: string, teamId?: string): string;
  /** The IM channel id chat.postMessage / conversations.open use for this user. */
  dmChannelFor(userId: string, teamId?: string): string;

  calls(method?: string): SlackCall[];
  /** Messages in a channel (or user id -> their DM), oldest first; deleted ones left out unless asked. */
  messages(channel: string, opts?: { includeDeleted?: boolean }): SlackMessage[];
  allMessages(opts?: { includeDeleted?: boolean }): SlackMessage[];
  ephemerals(filter?: { user?: string; channel?: string; includeReplaced?: boolean }): SlackEphemeral[];
  /** The user's open modal stack, root first. */
  openViews(userId: string): SlackView[];
  homeView(userId: string, teamId?: string): SlackView | undefined;
  view(viewId: string): SlackView | undefined;
  files(): SlackFile[];
  responseUrlPosts(): SlackResponseUrlPost[];
  /**
   * Applies what the bot acked to a view_submission (the HTTP body Bolt answered): empty closes the
   * top view, response_action clear / update / push / errors act as Slack would.
   */
  applyViewSubmissionAck(userId: string, ackBody: string): void;

  setFaults(faults: FaultOptions): void;
  setRateLimiting(enabled: boolean): void;
  waitFor<T>(predicate: (standIn: SlackStandIn) => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** Clears messages, views, files, call log, rate counters and faults back to the start options. */
  reset(): void;
  close(): Promise<void>;
}

const METHODS: Record<string, MethodHandler> = { ...chatMethods, ...viewMethods, ...miscMethods, ...fileMethods };

const redact = (params: SlackParams): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...params };
  for (const secret of ['token', 'client_secret', 'code']) if (secret in copy) copy[secret] = '[redacted]';
  for (const [k, v] of Object.entries(copy)) if (Buffer.isBuffer(v)) copy[k] = `<${v.length} bytes>`;
  return copy;
};

export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const timeScale = options.timeScale ?? 1;
  const seeds = options.workspaces ?? [
    { teamId: DEFAULT_SLACK_TEAM_ID, botTokens: [DEFAULT_SLACK_BOT_TOKEN], teamName: 'Mission Pulse Test' },
  ];
  const state = new SlackState(seeds, options.users ?? []);
  const oauth = new SlackOAuth(state, options.oauth);
  const limiter = new RateLimiter(timeScale);
  const faults = new FaultInjector(options.faults);
  const waiter = new ChangeWaiter();
  const log: SlackCall[] = [];
  const responseUrls = new Map<string, ResponseUrlRecord>();
  const responsePosts: SlackResponseUrlPost[] = [];
  const hangMs = options.faultHangMs ?? 10_000 * timeScale;
  let rateLimiting = options.rateLimits?.enabled ?? true;
  let seq = 0;

  const record = (entry: Omit<SlackCall, 'seq' | 'at'>): void => {
    seq += 1;
    log.push({ seq, at: Date.now(), ...entry });
    waiter.changed();
  };

  /** Applies a fault that happens before any work. Returns true when the request is handled. */
  const preFault = (kind: FaultKind | null, req: Request, res: Response): boolean => {
    if (kind === '429') {
      res
        .status(429)
        .set('Retry-After', formatRetryAfter(1000 * timeScale, timeScale))
        .json({ ok: false, error: 'ratelimited' });
      return true;
    }
    if (kind === '500') {
      res.status(500).json({ ok: false, error: 'internal_error' });
      return true;
    }
    if (kind === 'drop') {
      req.socket.destroy();
      return true;
    }
    if (kind === 'timeout') {
      setTimeout(() => req.socket.destroy(), hangMs).unref();
      return true;
    }
    return false;
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(express.raw({ type: () => true, limit: '50mb' }));

  app.all('/api/:method', async (req: Request, res: Response) => {
    const method = String(req.params.method);
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let params: SlackParams = {};
    const reply = (status: number, body: Record<string, unknown>, outcome: SlackCall['outcome'], extra: Partial<SlackCall> = {}): void => {
      record({ method, params: redact(params), httpStatus: status, response: body, outcome, ...extra });
      res.status(status).json(body);
    };
    try {
      params = await parseSlackBody(raw, req.headers, req.url.split('?')[1] ?? '');
    } catch (err) {
      if (err instanceof SlackApiError) return reply(200, { ok: false, error: err.error }, 'error');
      throw err;
    }
    // The one method called with the app's credentials rather than a token.
    if (method === 'oauth.v2.access') {
      try {
        const body = oauth.exchange(params, req.headers);
        const teamId = ((body.team as { id?: string } | undefined) ?? {}).id;
        record({
          method,
          teamId,
          params: redact(params),
          httpStatus: 200,
          response: { ...body, access_token: '[redacted]' },
          outcome: 'ok',
        });
        res.status(200).json(body);
        return;
      } catch (err) {
        if (err instanceof SlackApiError) return reply(200, { ok: false, error: err.error }, 'error');
        throw err;
      }
    }

    const handler = METHODS[method];
    if (!handler) return reply(200, { ok: false, error: 'unknown_method' }, 'error');

    const fault = faults.pick(method);
    if (preFault(fault, req, res)) {
      record({
        method,
        params: redact(params),
        httpStatus: res.headersSent ? res.statusCode : 0,
        outcome: 'fault',
        fault: fault ?? undefined,
      });
      return;
    }

    const token = bearerToken(req.headers) ?? optString(params, 'token');
    if (!token) return reply(200, { ok: false, error: 'not_authed' }, 'error');
    if (state.revokedTokens.has(token)) return reply(200, { ok: false, error: 'token_revoked' }, 'error', { token });
    const ws = state.workspaceForToken(token);
    if (!ws) return reply(200, { ok: false, error: 'invalid_auth' }, 'error', { token });

    if (rateLimiting) {
      const channelArg = optString(params, 'channel');
      const channel = channelArg ? state.resolveChannel(ws.teamId, channelArg) : undefined;
      const wait = limiter.tryAcquire(slackRateChecks(method, ws.teamId, channel, options.rateLimits ?? {}));
      if (wait > 0) {
        const retryAfter = formatRetryAfter(wait, timeScale);
        record({
          method,
          teamId: ws.teamId,
          params: redact(params),
          httpStatus: 429,
          response: { ok: false, error: 'ratelimited' },
          outcome: 'rate_limited',
        });
        res.status(429).set('Retry-After', retryAfter).json({ ok: false, error: 'ratelimited' });
        return;
      }
    }

    const ctx: MethodContext = {
      ws,
      params,
      token,
      state,
      baseUrl: listening.baseUrl,
      strictTriggerIds: options.strictTriggerIds ?? false,
    };
    let body: Record<string, unknown>;
    let outcome: SlackCall['outcome'] = 'ok';
    try {
      body = handler(ctx);
    } catch (err) {
      if (!(err instanceof SlackApiError)) throw err;
      body = { ok: false, error: err.error, ...err.extra };
      outcome = 'error';
    }
    if (fault === 'lost-reply') {
      record({ method, teamId: ws.teamId, params: redact(params), httpStatus: 0, response: body, outcome: 'fault', fault });
      req.socket.destroy();
      return;
    }
    record({ method, teamId: ws.teamId, params: redact(params), httpStatus: 200, response: body, outcome });
    res.status(200).json(body);
  });

  app.get('/oauth/v2/authorize', (req: Request, res: Response) => {
    const outcome = oauth.authorize(new URLSearchParams(req.url.split('?')[1] ?? ''));
    record({
      method: 'oauth.authorize',
      params: { client_id: req.query.client_id, scope: req.query.scope },
      httpStatus: outcome.status,
      outcome: outcome.error ? 'error' : 'ok',
    });
    if (outcome.location) res.redirect(302, outcome.location);
    else res.status(outcome.status).type('text/html').send(`<p>Slack could not start the installation: ${outcome.error}</p>`);
  });

  app.post('/upload/v1/:fileId', async (req: Request, res: Response) => {
    const file = state.files.get(String(req.params.fileId));
    const fault = faults.pick('upload');
    if (preFault(fault, req, res)) {
      record({
        method: 'upload',
        params: { file_id: req.params.fileId },
        httpStatus: res.headersSent ? res.statusCode : 0,
        outcome: 'fault',
        fault: fault ?? undefined,
      });
      return;
    }
    if (!file) {
      record({ method: 'upload', params: { file_id: req.params.fileId }, httpStatus: 404, outcome: 'error' });
      res.status(404).type('text/plain').send('file not found');
      return;
    }
    file.bytes = await uploadedBytes(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), req.headers);
    record({
      method: 'upload',
      teamId: file.teamId,
      params: { file_id: file.id, bytes: file.bytes.length },
      httpStatus: 200,
      outcome: 'ok',
    });
    res.status(200).type('text/plain').send(`OK - ${file.bytes.length}`);
  });

  app.post('/response/:id', async (req: Request, res: Response) => {
    const url = `${listening.baseUrl}${req.originalUrl}`;
    const entry = responseUrls.get(String(req.params.id));
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let body: Record<string, unknown> = {};
    try {
      body = (await parseSlackBody(raw, req.headers, '')) as Record<string, unknown>;
      if (typeof body.payload === 'string') body = JSON.parse(body.payload) as Record<string, unknown>;
    } catch {
      res.status(400).json({ ok: false, error: 'invalid_json' });
      return;
    }
    const outcome = entry ? applyResponseUrl(state, entry, body) : { status: 404, body: { ok: false, error: 'expired_url' } };
    responsePosts.push({ url, at: Date.now(), body, status: outcome.status });
    record({
      method: 'response_url',
      teamId: entry?.teamId,
      params: body,
      httpStatus: outcome.status,
      response: outcome.body,
      outcome: outcome.status === 200 ? 'ok' : 'error',
    });
    res.status(outcome.status).json(outcome.body);
  });

  const listening = await listenOnLoopback(app);
  const first = state.workspaces[0];

  const standIn: SlackStandIn = {
    baseUrl: listening.baseUrl,
    apiUrl: `${listening.baseUrl}/api/`,
    oauth,
    authorizeUrl: `${listening.baseUrl}/oauth/v2/authorize`,
    teamId: first.teamId,
    botToken: first.botTokens[0],
    botUserId: first.botUserId,
    workspace(teamId) {
      const ws = teamId ? state.workspace(teamId) : first;
      if (!ws) throw new Error(`stand-in has no workspace ${teamId}`);
      return ws;
    },
    addWorkspace: (seed) => state.addWorkspace(seed),
    addUser: (user) => void state.users.set(user.id, user),
    revokeToken: (token) => void state.revokedTokens.add(token),
    setChannel: (channel, flags) => void state.channels.set(channel, { ...state.channels.get(channel), ...flags }),
    responseUrl(opts) {
      const id = state.nextId('R').toLowerCase();
      responseUrls.set(id, { ...opts, teamId: opts.teamId ?? first.teamId, uses: 0, createdAt: Date.now() });
      return `${listening.baseUrl}/response/${id}`;
    },
    triggerIdFor: (userId, teamId) => state.issueTrigger(teamId ?? first.teamId, userId),
    dmChannelFor: (userId, teamId) => state.dmChannel(teamId ?? first.teamId, userId),
    calls: (method) => (method ? log.filter((c) => c.method === method) : [...log]),
    messages(channel, opts) {
      const resolved = state.resolveChannel(first.teamId, channel);
      return (state.messages.get(resolved) ?? []).filter((m) => opts?.includeDeleted || !m.deleted);
    },
    allMessages: (opts) => [...state.messages.values()].flat().filter((m) => opts?.includeDeleted || !m.deleted),
    ephemerals: (filter) =>
      state.ephemerals.filter(
        (e) =>
          (!filter?.user || e.user === filter.user) &&
          (!filter?.channel || e.channel === filter.channel) &&
          (filter?.includeReplaced || !e.replaced),
      ),
    openViews: (userId) => openModals(state, userId),
    homeView(userId, teamId) {
      const id = state.homeViews.get(`${teamId ?? first.teamId}:${userId}`);
      return id ? state.views.get(id) : undefined;
    },
    view: (viewId) => state.views.get(viewId),
    files: () => [...state.files.values()],
    responseUrlPosts: () => [...responsePosts],
    applyViewSubmissionAck(userId, ackBody) {
      const stack = state.modalStacks.get(userId) ?? [];
      const ack = ackBody.trim() ? (JSON.parse(ackBody) as { response_action?: string; view?: Record<string, unknown> }) : {};
      const top = state.views.get(stack[stack.length - 1] ?? '');
      if (ack.response_action === 'errors') return;
      if (ack.response_action === 'clear') closeStack(state, userId);
      else if (ack.response_action === 'update' && top && ack.view) {
        top.raw = ack.view;
        top.blocks = Array.isArray(ack.view.blocks) ? ack.view.blocks : [];
        top.title = ack.view.title;
      } else if (ack.response_action === 'push' && ack.view && top) {
        const id = state.nextId('V');
        state.views.set(id, {
          ...top,
          id,
          raw: ack.view,
          blocks: Array.isArray(ack.view.blocks) ? ack.view.blocks : [],
          previousViewId: top.id,
          closed: false,
        });
        stack.push(id);
      } else if (top) {
        top.closed = true;
        stack.pop();
      }
      waiter.changed();
    },
    setFaults: (f) => faults.set(f),
    setRateLimiting: (enabled) => {
      rateLimiting = enabled;
    },
    waitFor: (predicate, timeoutMs = 5000) => waiter.waitFor(() => predicate(standIn), timeoutMs),
    reset() {
      state.reset();
      oauth.reset();
      log.length = 0;
      responseUrls.clear();
      responsePosts.length = 0;
      limiter.reset();
      faults.set({ seed: 1, ...options.faults });
      rateLimiting = options.rateLimits?.enabled ?? true;
      waiter.changed();
    },
    close: () => listening.close(),
  };
  return standIn;
}
