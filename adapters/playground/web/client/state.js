/** What the page holds between polls: who you act as, what each pane shows, the last state the server sent. */

export const ui = {
  /** The workplace from /people: personas, platform names, the bot's name. */
  people: null,
  /** The persona id you act as. */
  as: null,
  conv: { slack: 'channel', teams: 'dm' },
  /** Latest message time seen per person, platform and conversation, for the "new" badges. */
  seen: {},
  /** The keyed message lists on screen, by container id (message-list.js). */
  lists: {},
  /** The Slack modal on screen, if any. */
  modal: null,
  /** The hash of the Home tab view on screen, so it is redrawn only when the bot publishes again. */
  homeHash: null,
  pollTimer: undefined,
  /** The latest /state answer for the persona. */
  state: null,
};

export function conversation(platform, kind) {
  return ui.state[platform].conversations.find((c) => c.kind === kind);
}
