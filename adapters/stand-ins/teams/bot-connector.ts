import express, { type Request, type Response } from 'express';
import { FaultInjector, type FaultOptions } from '../common/faults';
import { listenOnLoopback } from '../common/http-server';
import { formatRetryAfter, RateLimiter, type RateCheck } from '../common/rate-limiter';
import { ChangeWaiter } from '../common/waiter';
import { personalConversationId } from './ids';
import { checkOutgoingActivity, TEAMS_MAX_MESSAGE_BYTES } from './card-limits';
import type { BotConnectorOptions, ConnectorActivity, ConnectorCall, ConnectorConversation, TeamsUserSeed } from './connector-types';
import { BOT_FRAMEWORK_SCOPE } from './token-issuer';

export interface BotConnectorStandIn {
  /** http://127.0.0.1:PORT */
  readonly baseUrl: string;
  /** http://127.0.0.1:PORT/ — put this in activities' serviceUrl and conversation references. */
  readonly serviceUrl: string;
  /** Make a conversation known (e.g. one a user started), with its members. */
  registerConversation(conversation: Omit<ConnectorConversation, 'createdByBot'>): void;
  addUser(user: TeamsUserSeed): void;
  /** The id POST /v3/conversations gives the 1:1 chat of this user (stable, like Teams). */
  personalConversationId(userId: string, tenantId: string): string;
  conversation(id: string): ConnectorConversation | undefined;
  conversations(): ConnectorConversation[];
  /** Activities the bot sent to a conversation, oldest first; deleted ones left out unless asked. */
  activities(conversationId: string, opts?: { includeDeleted?: boolean }): ConnectorActivity[];
  allActivities(opts?: { includeDeleted?: boolean }): ConnectorActivity[];
  attachments(): Array<{ id: string; conversationId: string; name?: string; type?: string; bytes: Buffer }>;
  calls(operation?: string): ConnectorCall[];
  setFaults(faults: FaultOptions): void;
  setRateLimiting(enabled: boolean): void;
  waitFor<T>(predicate: (standIn: BotConnectorStandIn) => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_THREAD_LIMITS = [
  { limit: 7, windowSec: 1 },
  { limit: 8, windowSec: 2 },
  { limit: 60, windowSec: 30 },
  { limit: 1800, windowSec: 3600 },
];

type Handler = (req: Request, ctx: { appId?: string }) => { status: number; body?: unknown };

class ConnectorError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const errorBody = (code: string, message: string) => ({ error: { code, message } });
const tenantOf = (activity: Record<string, unknown> | undefined): string | undefined => {
  const conv = activity?.conversation as { tenantId?: string } | undefined;
  const channelData = activity?.channelData as { tenant?: { id?: string } } | undefined;
  return conv?.tenantId ?? channelData?.tenant?.id;
};

export async function startBotConnector(options: BotConnectorOptions = {}): Promise<BotConnectorStandIn> {
  const timeScale = options.timeScale ?? 1;
  const requireAuth = options.requireAuth ?? options.issuer !== undefined;
  if (requireAuth && !options.issuer) throw new Error('startBotConnector: requireAuth needs an issuer');
  const maxBytes = options.maxMessageBytes ?? TEAMS_MAX_MESSAGE_BYTES;
  const hangMs = options.faultHangMs ?? 10_000 * timeScale;
  const users = new Map((options.users ?? []).map((u) => [u.id, u]));
  const conversations = new Map<string, ConnectorConversation>();
  const activities = new Map<string, ConnectorActivity[]>();
  const attachments: Array<{ id: string; conversationId: string; name?: string; type?: string; bytes: Buffer }> = [];
  const log: ConnectorCall[] = [];
  const limiter = new RateLimiter(timeScale);
  const faults = new FaultInjector(options.faults);
  const waiter = new ChangeWaiter();
  let rateLimiting = options.rateLimits?.enabled ?? true;
  let seq = 0;
  let lastId = 0;

  const nextActivityId = (): string => {
    lastId = Math.max(Date.now(), lastId + 1);
    return String(lastId);
  };

  const knownConversation = (id: string, activity?: Record<string, unknown>): ConnectorConversation => {
    let conv = conversations.get(id);
    if (!conv) {
      if (options.strictConversations) throw new ConnectorError(404, 'ConversationNotFound', 'Conversation not found.');
      const type = (activity?.conversation as { conversationType?: string } | undefined)?.conversationType;
      conv = {
        id,
        tenantId: tenantOf(activity),
        conversationType: type === 'channel' || type === 'groupChat' ? type : id.startsWith('19:') ? 'channel' : 'personal',
        members: [],
        createdByBot: false,
      };
      conversations.set(id, conv);
    }
    return conv;
  };

  const store = (
    conversationId: string,
    activity: Record<string, unknown>,
    appId: string | undefined,
    replyToId?: string,
  ): ConnectorActivity => {
    const problem = checkOutgoingActivity(activity, maxBytes);
    if (problem) throw new ConnectorError(problem.status, problem.code, problem.message);
    const record: ConnectorActivity = {
      id: nextActivityId(),
      conversationId,
      activity,
      ...(replyToId ? { replyToId } : {}),
      ...(appId ? { fromAppId: appId } : {}),
      updates: 0,
      deleted: false,
      receivedAt: Date.now(),
    };
    const list = activities.get(conversationId) ?? [];
    list.push(record);
    activities.set(conversationId, list);
    return record;
  };

  const findActivity = (conversationId: string, activityId: string): ConnectorActivity => {
    const found = activities.get(conversationId)?.find((a) => a.id === activityId && !a.deleted);
    if (!found) throw new ConnectorError(404, 'ActivityNotFound', 'Activity not found.');
    return found;
  };

  const rateChecks = (conversationId: string | undefined, tenantId: string | undefined): RateCheck[] => {
    const limits = options.rateLimits ?? {};
    const checks: RateCheck[] = [
      { key: `tenant:${tenantId ?? 'unknown'}`, rules: [{ kind: 'window', limit: limits.perTenantPerSecond ?? 50, windowMs: 1000 }] },
    ];
    if (conversationId) {
      checks.push({
        key: `conversation:${conversationId}`,
        rules: (limits.perConversation ?? DEFAULT_THREAD_LIMITS).map((r) => ({
          kind: 'window' as const,
          limit: r.limit,
          windowMs: r.windowSec * 1000,
        })),
      });
    }
    return checks;
  };

  const authenticate = (req: Request): string | undefined => {
    if (!requireAuth || !options.issuer) return undefined;
    const match = /^Bearer\s+(\S.*)$/i.exec(req.headers.authorization ?? '');
    if (!match) throw new ConnectorError(401, 'Unauthorized', 'Authorization has been denied for this request.');
    let appId: string | undefined;
    try {
      const claims = options.issuer.verifyAppToken(match[1], options.audience ?? BOT_FRAMEWORK_SCOPE);
      appId = typeof claims.appid === 'string' ? claims.appid : undefined;
    } catch (err) {
      throw new ConnectorError(401, 'Unauthorized', `Authorization has been denied for this request (${(err as Error).message}).`);
    }
    if (options.allowedAppIds && (!appId || !options.allowedAppIds.includes(appId))) {
      throw new ConnectorError(403, 'Forbidden', `App ${appId} may not use this conversation.`);
    }
    return appId;
  };

  const route =
    (operation: string, handler: Handler) =>
    async (req: Request, res: Response): Promise<void> => {
      const conversationId = typeof req.params.conversationId === 'string' ? req.params.conversationId : undefined;
      const body = req.body as unknown;
      const entry = (status: number, outcome: ConnectorCall['outcome'], response?: unknown, extra: Partial<ConnectorCall> = {}): void => {
        seq += 1;
        log.push({
          seq,
          at: Date.now(),
          operation,
          method: req.method,
          path: req.path,
          ...(conversationId ? { conversationId } : {}),
          status,
          body,
          response,
          outcome,
          ...extra,
        });
        waiter.changed();
      };
      const fault = faults.pick(operation);
      if (fault === '429') {
        res
          .status(429)
          .set('Retry-After', formatRetryAfter(1000 * timeScale, timeScale))
          .json(errorBody('TooManyRequests', 'Injected throttling.'));
        return entry(429, 'fault', undefined, { fault });
      }
      if (fault === '500') {
        res.status(500).json(errorBody('ServiceError', 'Injected failure.'));
        return entry(500, 'fault', undefined, { fault });
      }
      if (fault === 'drop' || fault === 'timeout') {
        if (fault === 'drop') req.socket.destroy();
        else setTimeout(() => req.socket.destroy(), hangMs).unref();
        return entry(0, 'fault', undefined, { fault });
      }
      let appId: string | undefined;
      try {
        appId = authenticate(req);
        if (rateLimiting) {
          const activity = (typeof body === 'object' && body !== null ? body : undefined) as Record<string, unknown> | undefined;
          const tenant =
            (conversationId ? conversations.get(conversationId)?.tenantId : undefined) ??
            tenantOf(activity) ??
            (activity?.tenantId as string | undefined);
          const wait = limiter.tryAcquire(rateChecks(conversationId, tenant));
          if (wait > 0) {
            const response = errorBody('TooManyRequests', 'Too many requests; retry later.');
            res.status(429).set('Retry-After', formatRetryAfter(wait, timeScale)).json(response);
            return entry(429, 'rate_limited', response, appId ? { appId } : {});
          }
        }
        const result = handler(req, { appId });
        if (fault === 'lost-reply') {
          req.socket.destroy();
          return entry(0, 'fault', result.body, { fault, ...(appId ? { appId } : {}) });
        }
        if (result.body === undefined) res.status(result.status).end();
        else res.status(result.status).json(result.body);
        entry(result.status, 'ok', result.body, appId ? { appId } : {});
      } catch (err) {
        if (!(err instanceof ConnectorError)) throw err;
        const response = errorBody(err.code, err.message);
        res.status(err.status).json(response);
        entry(err.status, err.status === 401 || err.status === 403 ? 'unauthorized' : 'error', response, appId ? { appId } : {});
      }
    };

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '5mb', type: () => true }));

  app.post(
    '/v3/conversations',
    route('createConversation', (req) => {
      const params = (req.body ?? {}) as {
        members?: Array<{ id?: string }>;
        tenantId?: string;
        channelData?: { tenant?: { id?: string } };
        isGroup?: boolean;
        activity?: Record<string, unknown>;
      };
      const tenantId = params.tenantId ?? params.channelData?.tenant?.id;
      if (params.isGroup || !Array.isArray(params.members) || params.members.length !== 1 || !params.members[0]?.id) {
        throw new ConnectorError(400, 'BadArgument', 'Bots can only create 1:1 conversations with exactly one member.');
      }
      if (!tenantId) throw new ConnectorError(400, 'BadArgument', 'Tenant id is required.');
      const userId = params.members[0].id;
      const id = personalConversationId(userId, tenantId);
      const member = users.get(userId) ?? { id: userId, name: '', aadObjectId: '', tenantId };
      if (!conversations.has(id))
        conversations.set(id, { id, tenantId, conversationType: 'personal', members: [member], createdByBot: true });
      const first = params.activity ? store(id, params.activity, undefined) : undefined;
      return { status: 201, body: { id, ...(first ? { activityId: first.id } : {}) } };
    }),
  );

  app.post(
    '/v3/conversations/:conversationId/activities',
    route('sendToConversation', (req, ctx) => {
      const activity = req.body as Record<string, unknown>;
      const conv = knownConversation(String(req.params.conversationId), activity);
      return { status: 201, body: { id: store(conv.id, activity, ctx.appId).id } };
    }),
  );

  app.post(
    '/v3/conversations/:conversationId/activities/:activityId',
    route('replyToActivity', (req, ctx) => {
      const activity = req.body as Record<string, unknown>;
      const conv = knownConversation(String(req.params.conversationId), activity);
      return { status: 201, body: { id: store(conv.id, activity, ctx.appId, String(req.params.activityId)).id } };
    }),
  );

  app.put(
    '/v3/conversations/:conversationId/activities/:activityId',
    route('updateActivity', (req) => {
      const record = findActivity(String(req.params.conversationId), String(req.params.activityId));
      const activity = req.body as Record<string, unknown>;
      const problem = checkOutgoingActivity(activity, maxBytes);
      if (problem) throw new ConnectorError(problem.status, problem.code, problem.message);
      record.activity = activity;
      record.updates += 1;
      return { status: 200, body: { id: record.id } };
    }),
  );

  app.delete(
    '/v3/conversations/:conversationId/activities/:activityId',
    route('deleteActivity', (req) => {
      findActivity(String(req.params.conversationId), String(req.params.activityId)).deleted = true;
      return { status: 200 };
    }),
  );

  const memberView = (m: TeamsUserSeed) => ({
    id: m.id,
    name: m.name,
    aadObjectId: m.aadObjectId,
    tenantId: m.tenantId,
    userRole: 'user',
    ...(m.email ? { email: m.email, userPrincipalName: m.email } : {}),
  });

  app.get(
    '/v3/conversations/:conversationId/members',
    route('getConversationMembers', (req) => {
      const conv = knownConversation(String(req.params.conversationId));
      return { status: 200, body: conv.members.map(memberView) };
    }),
  );

  app.get(
    '/v3/conversations/:conversationId/pagedmembers',
    route('getConversationPagedMembers', (req) => {
      const conv = knownConversation(String(req.params.conversationId));
      return { status: 200, body: { members: conv.members.map(memberView) } };
    }),
  );

  app.get(
    '/v3/conversations/:conversationId/members/:memberId',
    route('getConversationMember', (req) => {
      const conv = knownConversation(String(req.params.conversationId));
      const member = conv.members.find((m) => m.id === req.params.memberId || m.aadObjectId === req.params.memberId);
      if (!member) throw new ConnectorError(404, 'MemberNotFoundInConversation', 'The member was not found in the conversation.');
      return { status: 200, body: memberView(member) };
    }),
  );

  app.post(
    '/v3/conversations/:conversationId/attachments',
    route('uploadAttachment', (req) => {
      const upload = (req.body ?? {}) as { name?: string; type?: string; originalBase64?: string };
      const conv = knownConversation(String(req.params.conversationId));
      const id = `att-${attachments.length + 1}`;
      attachments.push({
        id,
        conversationId: conv.id,
        name: upload.name,
        type: upload.type,
        bytes: Buffer.from(upload.originalBase64 ?? '', 'base64'),
      });
      return { status: 201, body: { id } };
    }),
  );

  const listening = await listenOnLoopback(app);

  const standIn: BotConnectorStandIn = {
    baseUrl: listening.baseUrl,
    serviceUrl: `${listening.baseUrl}/`,
    registerConversation: (c) => void conversations.set(c.id, { ...c, createdByBot: false }),
    addUser: (u) => void users.set(u.id, u),
    personalConversationId,
    conversation: (id) => conversations.get(id),
    conversations: () => [...conversations.values()],
    activities: (id, opts) => (activities.get(id) ?? []).filter((a) => opts?.includeDeleted || !a.deleted),
    allActivities: (opts) => [...activities.values()].flat().filter((a) => opts?.includeDeleted || !a.deleted),
    attachments: () => [...attachments],
    calls: (operation) => (operation ? log.filter((c) => c.operation === operation) : [...log]),
    setFaults: (f) => faults.set(f),
    setRateLimiting: (enabled) => {
      rateLimiting = enabled;
    },
    waitFor: (predicate, timeoutMs = 5000) => waiter.waitFor(() => predicate(standIn), timeoutMs),
    reset() {
      conversations.clear();
      activities.clear();
      attachments.length = 0;
      log.length = 0;
      limiter.reset();
      faults.set({ seed: 1, ...options.faults });
      rateLimiting = options.rateLimits?.enabled ?? true;
      waiter.changed();
    },
    close: () => listening.close(),
  };
  return standIn;
}
