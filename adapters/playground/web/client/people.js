import { el } from './dom.js';
import { ui } from './state.js';

/** Who wrote a message: avatars and names for the personas, the bot and the playground itself. */

export function initials(name) {
  return name
    .replace(/^Dr\s+/, '')
    .split(/\s+/)
    .map((w) => w[0])
    .slice(0, 2)
    .join('')
    .toUpperCase();
}

function personaIndex(id) {
  return ui.people.personas.findIndex((p) => p.id === id);
}

export function avatar(author) {
  if (author.kind === 'bot') return el('span', 'avatar avatar--bot', 'MP');
  if (author.kind === 'system') return el('span', 'avatar avatar--system', 'i');
  const p = ui.people.personas[personaIndex(author.personaId)];
  const a = el('span', `avatar avatar--${personaIndex(author.personaId)}`, p ? initials(p.name) : '?');
  a.setAttribute('aria-hidden', 'true');
  return a;
}

function authorName(author) {
  if (author.kind === 'bot') return ui.people.botName;
  if (author.kind === 'system') return 'Playground';
  const p = ui.people.personas.find((x) => x.id === author.personaId);
  return p ? p.name : author.personaId;
}

function timeOf(at) {
  return new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** A message's first line: author, an APP badge for the bot, the time, and the page's notes. */
export function head(m) {
  const h = el('div', 'msg-head');
  h.append(el('span', 'msg-name', authorName(m.author)));
  if (m.author.kind === 'bot') h.append(el('span', 'app-badge', 'APP'));
  const t = el('time', 'msg-time', timeOf(m.at));
  t.dateTime = new Date(m.at).toISOString();
  h.append(t);
  for (const note of m.notes) h.append(el('span', 'msg-note', note));
  return h;
}
