import { el } from './dom.js';
import { jsonToggle } from './json-viewer.js';
import { avatar, head } from './people.js';
import { ui } from './state.js';

/** One Slack message: Block Kit drawn by the shared renderers (render.js), or plain text, or a playground event. */

const R = window.MissionPulseRender;

/** What the Block Kit renderer needs: the workspace's people (for mentions) and whether buttons work. */
export function slackContext(interactive, prefix) {
  return { users: ui.people.users, interactive, idPrefix: prefix };
}

export function slackMessage(m) {
  const art = el('article', 'sk-msg');
  art.append(avatar(m.author));
  const main = el('div', 'sk-msg-main');
  main.append(head(m));
  const body = m.body;
  if (body.kind === 'slack') {
    const content = el('div', 'sk-content');
    content.innerHTML =
      body.blocks.length > 0
        ? R.renderBlocks(body.blocks, slackContext(true, m.key)).html
        : R.renderMessageText(body.text, slackContext(true, m.key));
    content.dataset.channel = body.channel;
    content.dataset.ts = body.ts;
    main.append(content);
  } else if (body.kind === 'text') {
    main.append(el('div', 'msg-text', body.text));
  } else {
    main.append(el('div', 'msg-event', body.text));
  }
  main.append(jsonToggle(m));
  art.append(main);
  return art;
}
