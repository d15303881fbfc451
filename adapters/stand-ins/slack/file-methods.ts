import { SlackApiError } from './errors';
import type { MethodHandler } from './method-context';
import { optJson, optString, reqString } from './params';
import { readMessageContent } from './message-content';

const getUploadUrl: MethodHandler = (ctx) => {
  const filename = reqString(ctx.params, 'filename', 'invalid_arguments');
  const length = Number(reqString(ctx.params, 'length', 'invalid_arguments'));
  if (!Number.isInteger(length) || length <= 0) throw new SlackApiError('invalid_arguments');
  const id = ctx.state.nextId('F');
  const altText = optString(ctx.params, 'alt_txt') ?? optString(ctx.params, 'alt_text');
  ctx.state.files.set(id, {
    id,
    teamId: ctx.ws.teamId,
    filename,
    declaredLength: length,
    completed: false,
    sharedTo: [],
    ...(altText ? { altText } : {}),
  });
  return { ok: true, upload_url: `${ctx.baseUrl}/upload/v1/${id}`, file_id: id };
};

const completeUpload: MethodHandler = (ctx) => {
  const files = optJson(ctx.params, 'files', 'invalid_arguments');
  if (!Array.isArray(files) || files.length === 0) throw new SlackApiError('invalid_arguments');
  const channel = optString(ctx.params, 'channel_id') ?? optString(ctx.params, 'channels');
  const threadTs = optString(ctx.params, 'thread_ts');
  const comment = optString(ctx.params, 'initial_comment');
  const completed = files.map((entry) => {
    const spec = entry as { id?: unknown; title?: unknown };
    const file = typeof spec.id === 'string' ? ctx.state.files.get(spec.id) : undefined;
    if (!file || file.teamId !== ctx.ws.teamId) throw new SlackApiError('file_not_found');
    if (!file.bytes) throw new SlackApiError('file_upload_not_completed');
    if (typeof spec.title === 'string') file.title = spec.title;
    file.completed = true;
    return file;
  });
  if (channel) {
    const resolved = ctx.state.resolveChannel(ctx.ws.teamId, channel);
    if (comment) readMessageContent({ text: comment }, { requireContent: false });
    for (const file of completed) file.sharedTo.push(resolved);
    ctx.state.channelMessages(resolved).push({
      channel: resolved,
      teamId: ctx.ws.teamId,
      ts: ctx.state.nextTs(),
      text: comment ?? '',
      ...(threadTs ? { threadTs } : {}),
      user: ctx.ws.botUserId,
      botId: ctx.ws.botId,
      files: completed.map((f) => f.id),
      updates: 0,
      deleted: false,
      via: 'file_share',
    });
  }
  return {
    ok: true,
    files: completed.map((f) => ({
      id: f.id,
      name: f.filename,
      title: f.title ?? f.filename,
      size: f.bytes?.length ?? 0,
      channels: f.sharedTo,
      permalink: `https://stand-in.slack.invalid/files/${f.id}`,
    })),
  };
};

export const fileMethods: Record<string, MethodHandler> = {
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
};
