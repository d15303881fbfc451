import { updateBadges } from './badges.js';
import { $, el } from './dom.js';
import { jsonToggle } from './json-viewer.js';
import { syncList } from './message-list.js';
import { avatar, head } from './people.js';
import { conversation, ui } from './state.js';
import { renderCard } from './teams-card.js';

/** The Teams pane: the personal chat with the bot and the team's channel, with threads and cards. */

function teamsMessage(m, threadRoots) {
  const mine = m.author.kind === 'person' && m.author.personaId === ui.as && ui.conv.teams === 'dm';
  const reply = m.thread && threadRoots.get(m.thread) !== m.key;
  const art = el(
    'article',
    `tm-msg${mine ? ' tm-msg--mine' : ''}${reply ? ' tm-msg--reply' : ''}${m.body.kind === 'event' ? ' tm-msg--event' : ''}`,
  );
  art.append(avatar(m.author));
  const main = el('div', 'tm-msg-main');
  main.append(head(m));
  const body = m.body;
  if (body.kind === 'teams') {
    if (body.text) main.append(el('p', 'tm-text', body.text));
    for (const card of body.cards) main.append(renderCard(card, m));
  } else if (body.kind === 'text') {
    main.append(el('p', 'tm-text', body.text));
  } else {
    main.append(el('div', 'msg-event', body.text));
  }
  main.append(jsonToggle(m));
  art.append(main);
  return art;
}

export function renderTeams() {
  const kind = ui.conv.teams;
  const conv = conversation('teams', kind);
  $('tm-conv-title').textContent = conv.title;
  $('tm-input-label').textContent =
    kind === 'channel' ? `Post in ${ui.people.teams.channel} (it mentions @${ui.people.botName} for you)` : `Message ${conv.title}`;
  $('tm-input').placeholder = 'mission help';
  for (const k of ['channel', 'dm']) $(`tm-nav-${k}`).setAttribute('aria-current', String(k === kind));
  const roots = new Map();
  for (const m of conv.messages) if (m.thread && !roots.has(m.thread)) roots.set(m.thread, m.key);
  syncList($('tm-messages'), `${ui.as}:${kind}`, conv.messages, (m) => teamsMessage(m, roots));
  updateBadges('teams');
}

export function wireTeamsPane() {
  for (const kind of ['channel', 'dm']) {
    $(`tm-nav-${kind}`).addEventListener('click', () => {
      ui.conv.teams = kind;
      if (ui.state) renderTeams();
    });
  }
}
