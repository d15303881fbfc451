/*
 * The playground page. It talks only to the playground's JSON API (/playground/api/...): the
 * server turns every action into the payload Slack or Teams would send and posts it to the bot.
 * Rendering: Block Kit through MissionPulseRender (render.js), Adaptive Cards through Microsoft's
 * own `adaptivecards` renderer. Both load as classic scripts before these modules run.
 */
import { api } from './api.js';
import { hints, wireComposer } from './composer.js';
import { $ } from './dom.js';
import { actAs, buildPersonas, firstPersona } from './persona-switcher.js';
import { onPoll } from './poll.js';
import { wireSlackModal } from './slack-modal.js';
import { renderSlack, wireSlackPane } from './slack-pane.js';
import { ui } from './state.js';
import { setStatus } from './status.js';
import { renderTeams, wireTeamsPane } from './teams-pane.js';

async function start() {
  ui.people = await api('/people');
  $('slack-workspace').textContent = `· ${ui.people.slack.workspace}`;
  $('teams-tenant').textContent = `· ${ui.people.teams.team}`;
  $('sk-nav-channel').querySelector('.sk-nav-name').textContent = `# ${ui.people.slack.channel.name}`;
  $('tm-teams-label').textContent = ui.people.teams.team;
  $('tm-nav-channel').querySelector('.tm-nav-name').textContent = ui.people.teams.channel;
  buildPersonas();
  hints('sk-hints', 'sk-input', [
    '/mission help',
    '/mission create "By 2030, halve youth unemployment in Ladywood" slug=youth-jobs',
    '/mission add youth-jobs @tom @grace org="Ladywood Health Partnership"',
    '/mission checkin-now youth-jobs',
    '/mission list',
    '/checkin',
  ]);
  hints('tm-hints', 'tm-input', [
    'mission help',
    'mission create "By 2030, every Ladywood family has a warm, dry home" slug=warm-homes',
    'mission add warm-homes @sam @grace',
    'mission list',
    'checkin',
    'home',
  ]);
  wireComposer('slack', 'sk-composer', 'sk-input');
  wireComposer('teams', 'tm-composer', 'tm-input');
  wireSlackPane();
  wireTeamsPane();
  wireSlackModal();
  onPoll(() => {
    renderSlack();
    renderTeams();
  });
  actAs(firstPersona());
}

start().catch((e) => setStatus('slack', `The playground could not start: ${e.message}`));
