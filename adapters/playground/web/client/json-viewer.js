import { el } from './dom.js';

let counter = 0;

/** The "Show JSON" button and its panel: the raw payload behind a message. */
export function jsonToggle(m) {
  const wrap = el('div', 'msg-json');
  const id = `json-${++counter}`;
  const button = el('button', 'json-toggle', 'Show JSON');
  button.type = 'button';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', id);
  const panel = el('div', 'json-panel');
  panel.id = id;
  panel.hidden = true;
  panel.append(
    el('p', 'json-label', m.rawLabel),
    el('pre', '', m.raw === null || m.raw === undefined ? '(none)' : JSON.stringify(m.raw, null, 2)),
  );
  button.addEventListener('click', () => {
    const open = panel.hidden;
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? 'Hide JSON' : 'Show JSON';
  });
  wrap.append(button, panel);
  return wrap;
}
