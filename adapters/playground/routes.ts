import express, { type Application, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Logger } from '../../src/logger';
import type { PlaygroundAsset } from './assets';
import { findPersona, PERSONAS, SLACK_CHANNEL, TEAMS_CHANNEL, type Persona } from './personas';
import type { SlackSide } from './slack-side';
import { BOT_NAME, type TeamsSide } from './teams-side';
import type { ActionResult, PlaygroundState } from './view-model';

export interface PlaygroundSides {
  slack: SlackSide;
  teams: TeamsSide;
  slackBotUserId: string;
  slashCommands: string[];
}

const persona = z
  .string()
  .max(40)
  .refine((id) => findPersona(id) !== undefined, 'unknown person');
const text = z.string().trim().min(1).max(4000);
const id = z.string().min(1).max(300);

const schemas = {
  slackSend: z.object({ as: persona, conversation: z.enum(['channel', 'dm']), text }),
  slackAction: z.object({ as: persona, channel: id, ts: id, blockId: id, actionId: id }),
  slackViewSubmit: z.object({
    as: persona,
    viewId: id,
    values: z.record(z.string().max(255), z.record(z.string().max(255), z.string().max(3000))),
  }),
  slackViewClose: z.object({ as: persona, viewId: id }),
  slackHomeOpen: z.object({ as: persona }),
  slackHomeAction: z.object({ as: persona, blockId: id, actionId: id }),
  teamsSend: z.object({ as: persona, conversation: z.enum(['personal', 'channel']), text }),
  teamsSubmit: z.object({
    as: persona,
    conversationId: id,
    replyToId: id,
    value: z.record(z.string().max(255), z.unknown()),
    title: z.string().max(200).optional(),
  }),
};

const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * The playground's routes: the page, its assets, and the small JSON API the page talks to. The
 * API never reaches into the bot: every action becomes a platform payload posted to the bot's
 * real endpoints by the Slack or Teams side.
 */
export function mountPlaygroundRoutes(
  http: Application,
  opts: { sides: () => PlaygroundSides | undefined; page: string; assets: Map<string, PlaygroundAsset>; logger: Logger },
): void {
  const { logger } = opts;

  http.get(['/playground', '/playground/'], (_req, res) => {
    res.set(PAGE_HEADERS).type('html').send(opts.page);
  });
  http.get('/playground/assets/:name', (req, res) => {
    const asset = opts.assets.get(String(req.params.name));
    if (!asset) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    res.set({ 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' }).type(asset.contentType).send(asset.body);
  });

  const api = express.Router();
  api.use(express.json({ limit: '256kb' }));
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  /** Validates the body, finds the person and the sides, runs the action and answers its result. */
  const action =
    <T extends { as: string }>(
      schema: z.ZodType<T>,
      run: (sides: PlaygroundSides, p: Persona, body: T) => Promise<ActionResult> | ActionResult,
    ) =>
    async (req: Request, res: Response): Promise<void> => {
      const parsed = schema.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
        return;
      }
      const sides = opts.sides();
      if (!sides) {
        res.status(503).json({ error: 'The playground is still starting' });
        return;
      }
      try {
        res.json(await run(sides, findPersona(parsed.data.as)!, parsed.data));
      } catch (e) {
        logger.error({ err: e }, 'playground action failed');
        res.status(502).json({ error: e instanceof Error ? e.message : String(e) });
      }
    };

  api.get('/people', (_req, res) => {
    const sides = opts.sides();
    res.json({
      personas: PERSONAS.map((p) => ({ id: p.id, name: p.name, role: p.role, organisation: p.organisation })),
      slack: { workspace: 'Ladywood Partners', channel: SLACK_CHANNEL, slashCommands: sides?.slashCommands ?? [] },
      teams: { team: TEAMS_CHANNEL.teamName, channel: TEAMS_CHANNEL.channelName },
      botName: BOT_NAME,
      // Display names for mentions, as each client would look them up.
      users: {
        ...Object.fromEntries(PERSONAS.map((p) => [p.slack.userId, p.name])),
        ...(sides ? { [sides.slackBotUserId]: BOT_NAME } : {}),
      },
    });
  });

  api.get('/state', (req, res) => {
    const p = findPersona(String(req.query.as ?? ''));
    const sides = opts.sides();
    if (!p) {
      res.status(400).json({ error: 'as: unknown person' });
      return;
    }
    if (!sides) {
      res.status(503).json({ error: 'The playground is still starting' });
      return;
    }
    const state: PlaygroundState = { as: p.id, slack: sides.slack.state(p), teams: sides.teams.state(p) };
    res.json(state);
  });

  api.post(
    '/slack/send',
    action(schemas.slackSend, (s, p, b) => s.slack.send(p, b.conversation, b.text)),
  );
  api.post(
    '/slack/action',
    action(schemas.slackAction, (s, p, b) => s.slack.press(p, b)),
  );
  api.post(
    '/slack/view-submit',
    action(schemas.slackViewSubmit, (s, p, b) => s.slack.submitView(p, b.viewId, b.values)),
  );
  api.post(
    '/slack/view-close',
    action(schemas.slackViewClose, (s, p, b) => s.slack.closeView(p, b.viewId)),
  );
  api.post(
    '/slack/home-open',
    action(schemas.slackHomeOpen, (s, p) => s.slack.openHome(p)),
  );
  api.post(
    '/slack/home-action',
    action(schemas.slackHomeAction, (s, p, b) => s.slack.pressHome(p, b)),
  );
  api.post(
    '/teams/send',
    action(schemas.teamsSend, (s, p, b) => s.teams.send(p, b.conversation, b.text)),
  );
  api.post(
    '/teams/submit',
    action(schemas.teamsSubmit, (s, p, b) => s.teams.submit(p, b)),
  );

  http.use('/playground/api', api);
}
