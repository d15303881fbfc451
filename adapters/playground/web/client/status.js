import { $ } from './dom.js';

/** Each pane's status line, under its message box: where failures are said. */
export function setStatus(platform, text) {
  $(platform === 'slack' ? 'sk-status' : 'tm-status').textContent = text;
}
