import { api } from './api.js';
import { attempt } from './attempt.js';
import { updateBadges } from './badges.js';
import { $ } from './dom.js';
import { jsonToggle } from './json-viewer.js';
import { syncList } from './message-list.js';
import { slackContext, slackMessage } from './slack-message.js';
import { syncModal } from './slack-modal.js';
import { conversation, ui } from './state.js';

/** The Slack pane: the channel, the direct message with the app, its Home tab, and their buttons. */

const R = window.MissionPulseRender;

/** The app's Home tab: the view the bot last published for this person (views.publish). */
function renderSlackHome() {
  const home = ui.state.slack.home;
  $('sk-home-status').textContent = home
    ? ''
    : 'Opening the Home tab… (Slack sent app_home_opened; waiting for the app to publish its view)';
  if (!home) {
    $('sk-home-content').replaceChildren();
    $('sk-home-json').replaceChildren();
    ui.homeHash = null;
    return;
  }
  const key = `${ui.as}:${home.viewId}:${home.hash}`;
  if (ui.homeHash === key) return;
  ui.homeHash = key;
  $('sk-home-content').innerHTML = R.renderBlocks(home.blocks, slackContext(true, 'home')).html;
  $('sk-home-json').replaceChildren(
    jsonToggle({ raw: home.raw, rawLabel: 'The Home tab view as the app published it with views.publish' }),
  );
}

export function renderSlack() {
  const kind = ui.conv.slack;
  const isHome = kind === 'home';
  const conv = conversation('slack', isHome ? 'dm' : kind);
  $('sk-conv-title').textContent = kind === 'channel' ? conv.title : isHome ? conv.title : `${conv.title} (direct message)`;
  $('sk-app-tabs').hidden = kind === 'channel';
  for (const tab of ['home', 'dm']) $(`sk-tab-${tab}`).setAttribute('aria-current', String(tab === kind));
  $('sk-input-label').textContent = `Message ${conv.title}`;
  $('sk-input').placeholder = kind === 'channel' ? '/mission help' : '/checkin';
  for (const k of ['channel', 'dm']) $(`sk-nav-${k}`).setAttribute('aria-current', String(k === kind || (k === 'dm' && isHome)));
  $('sk-messages').hidden = isHome;
  $('sk-composer').hidden = isHome;
  $('sk-home').hidden = !isHome;
  if (isHome) renderSlackHome();
  else syncList($('sk-messages'), `${ui.as}:${kind}`, conv.messages, slackMessage);
  updateBadges('slack');
  syncModal(ui.state.slack.modal);
}

/** Clicking the Home tab: Slack sends the app `app_home_opened` each time, and shows what it publishes. */
export async function openSlackHome() {
  ui.conv.slack = 'home';
  ui.homeHash = null;
  if (ui.state) renderSlack();
  await attempt('slack', 'Could not open the Home tab', () => api('/slack/home-open', { as: ui.as }));
}

async function onSlackButton(button) {
  const content = button.closest('.sk-content');
  if (!content || button.getAttribute('aria-busy') === 'true') return;
  button.setAttribute('aria-busy', 'true');
  await attempt('slack', 'Could not press the button', () =>
    api('/slack/action', {
      as: ui.as,
      channel: content.dataset.channel,
      ts: content.dataset.ts,
      blockId: button.dataset.blockId,
      actionId: button.dataset.actionId,
    }),
  );
  button.removeAttribute('aria-busy');
}

async function onSlackHomeButton(button) {
  if (button.getAttribute('aria-busy') === 'true') return;
  button.setAttribute('aria-busy', 'true');
  await attempt('slack', 'Could not press the button', () =>
    api('/slack/home-action', { as: ui.as, blockId: button.dataset.blockId, actionId: button.dataset.actionId }),
  );
  button.removeAttribute('aria-busy');
}

export function wireSlackPane() {
  for (const kind of ['channel', 'dm']) {
    $(`sk-nav-${kind}`).addEventListener('click', () => {
      ui.conv.slack = kind;
      if (ui.state) renderSlack();
    });
  }
  $('sk-messages').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-sk-action]');
    if (button) onSlackButton(button);
  });
  $('sk-home-content').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-sk-action]');
    if (button) onSlackHomeButton(button);
  });
  $('sk-tab-home').addEventListener('click', openSlackHome);
  $('sk-tab-dm').addEventListener('click', () => {
    ui.conv.slack = 'dm';
    if (ui.state) renderSlack();
  });
}
