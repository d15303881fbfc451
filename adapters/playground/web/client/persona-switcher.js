import { $, el } from './dom.js';
import { initials } from './people.js';
import { schedulePoll } from './poll.js';
import { openSlackHome } from './slack-pane.js';
import { ui } from './state.js';
import { setStatus } from './status.js';

/** "Act as": one radio button per persona; the choice is kept in the address (#as=tom). */

export function actAs(id) {
  ui.as = id;
  ui.modal = null;
  document.querySelectorAll('#persona-list input').forEach((input) => {
    input.checked = input.value === id;
  });
  if (window.location.hash !== `#as=${id}`) window.history.replaceState(null, '', `#as=${id}`);
  setStatus('slack', '');
  setStatus('teams', '');
  if (ui.conv.slack === 'home') openSlackHome();
  schedulePoll(0);
}

export function buildPersonas() {
  const list = $('persona-list');
  ui.people.personas.forEach((p, i) => {
    const label = el('label', 'persona');
    const input = el('input');
    input.type = 'radio';
    input.name = 'as';
    input.value = p.id;
    input.addEventListener('change', () => actAs(p.id));
    const a = el('span', `avatar avatar--${i}`, initials(p.name));
    a.setAttribute('aria-hidden', 'true');
    const text = el('span', 'persona-text');
    text.append(el('span', 'persona-name', p.name), el('span', 'persona-org', `${p.role}, ${p.organisation}`));
    label.append(input, a, text);
    list.append(label);
  });
}

/** The persona named in the address, if it is one of the workplace's, else the first. */
export function firstPersona() {
  const fromHash = /^#as=([a-z]+)$/.exec(window.location.hash);
  return fromHash && ui.people.personas.some((p) => p.id === fromHash[1]) ? fromHash[1] : ui.people.personas[0].id;
}
