import { SlackApiError } from './errors';
import type { MethodHandler } from './method-context';
import { optString } from './params';

const authTest: MethodHandler = (ctx) => ({
  ok: true,
  url: `https://${ctx.ws.domain}.slack.com/`,
  team: ctx.ws.teamName,
  user: 'mission_pulse',
  team_id: ctx.ws.teamId,
  user_id: ctx.ws.botUserId,
  bot_id: ctx.ws.botId,
  is_enterprise_install: false,
  ...(ctx.ws.enterpriseId ? { enterprise_id: ctx.ws.enterpriseId } : {}),
});

const conversationsOpen: MethodHandler = (ctx) => {
  const channelArg = optString(ctx.params, 'channel');
  const users = (optString(ctx.params, 'users') ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (channelArg) return { ok: true, channel: { id: channelArg } };
  if (users.length === 0) throw new SlackApiError('users_list_not_supplied');
  if (users.length > 1) {
    // A multi-person DM; the id only needs to be stable for the set of users.
    return { ok: true, channel: { id: `G${ctx.state.dmChannel(ctx.ws.teamId, [...users].sort().join(',')).slice(1)}` } };
  }
  const known = ctx.state.users.get(users[0]);
  if (known?.deleted) throw new SlackApiError('user_disabled');
  const id = ctx.state.dmChannel(ctx.ws.teamId, users[0]);
  const full = optString(ctx.params, 'return_im') === 'true';
  return { ok: true, ...(full ? {} : { no_op: true, already_open: true }), channel: full ? { id, is_im: true, user: users[0] } : { id } };
};

const usersInfo: MethodHandler = (ctx) => {
  const id = optString(ctx.params, 'user');
  const user = id ? ctx.state.users.get(id) : undefined;
  if (!user) throw new SlackApiError('user_not_found');
  const realName = user.realName ?? user.name;
  return {
    ok: true,
    user: {
      id: user.id,
      team_id: user.teamId,
      name: user.name,
      deleted: user.deleted ?? false,
      real_name: realName,
      tz: user.tz ?? 'Europe/London',
      tz_label: 'Greenwich Mean Time',
      tz_offset: 0,
      is_bot: user.isBot ?? false,
      is_admin: false,
      profile: { real_name: realName, display_name: user.name, ...(user.email ? { email: user.email } : {}) },
    },
  };
};

export const miscMethods: Record<string, MethodHandler> = {
  'auth.test': authTest,
  'conversations.open': conversationsOpen,
  'users.info': usersInfo,
};
