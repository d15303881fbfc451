import { $ } from './dom.js';
import { conversation, ui } from './state.js';

/** "N new" beside a conversation you are not looking at, counting the bot's messages since you last did. */
export function updateBadges(platform) {
  for (const kind of ['channel', 'dm']) {
    const conv = conversation(platform, kind);
    const key = `${ui.as}:${platform}:${kind}`;
    const newest = conv.messages.reduce((t, m) => Math.max(t, m.at), 0);
    if (ui.conv[platform] === kind || ui.seen[key] === undefined) ui.seen[key] = newest;
    const fresh = conv.messages.filter((m) => m.at > ui.seen[key] && m.author.kind === 'bot').length;
    const badge = $(`${platform === 'slack' ? 'sk' : 'tm'}-nav-${kind}`).querySelector('.badge');
    badge.hidden = fresh === 0;
    badge.textContent = `${fresh} new`;
  }
}
