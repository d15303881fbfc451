import { api } from './api.js';
import { ui } from './state.js';
import { setStatus } from './status.js';

/** Asks the server for the persona's view of both platforms, often, and redraws the panes. */

const POLL_MS = 700;
let render = () => {};

async function poll() {
  ui.pollTimer = undefined;
  try {
    const state = await api(`/state?as=${encodeURIComponent(ui.as)}`);
    if (state.as === ui.as) {
      ui.state = state;
      render();
      // How many fresh states the page has drawn: a browser test waits on it before checking
      // that something is not shown.
      document.body.dataset.polls = String(Number(document.body.dataset.polls || 0) + 1);
    }
  } catch (e) {
    setStatus('slack', `Lost touch with the playground: ${e.message}`);
  }
  schedulePoll(POLL_MS);
}

/** The next poll in `ms` (sooner after an action, so its effect shows quickly). */
export function schedulePoll(ms) {
  if (ui.pollTimer !== undefined) clearTimeout(ui.pollTimer);
  ui.pollTimer = setTimeout(poll, ms);
}

/** What to redraw after each poll. */
export function onPoll(redraw) {
  render = redraw;
}
