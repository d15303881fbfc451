import { api } from './api.js';
import { attempt } from './attempt.js';
import { $, el } from './dom.js';
import { ui } from './state.js';

/** The message box under each pane, and the example commands beside it. */

/** Example commands: each button puts its full text in the message box (long ones show shortened). */
export function hints(containerId, inputId, examples) {
  const box = $(containerId);
  for (const text of examples) {
    const shown = text.length > 34 ? `${text.slice(0, text.indexOf(' ', text.indexOf(' ') + 1))} …` : text;
    const b = el('button', 'hint', shown);
    b.title = text;
    b.type = 'button';
    b.addEventListener('click', () => {
      const input = $(inputId);
      input.value = text;
      input.focus();
    });
    box.append(b);
  }
}

/** Sends what was typed as the persona, in the conversation the pane shows. */
export function wireComposer(platform, formId, inputId) {
  $(formId).addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $(inputId);
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    const conversation = platform === 'slack' ? ui.conv.slack : ui.conv.teams === 'dm' ? 'personal' : 'channel';
    await attempt(platform, 'Could not send', () => api(`/${platform}/send`, { as: ui.as, conversation, text }));
  });
}
