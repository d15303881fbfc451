/* global document, window, AdaptiveCards */
/*
 * The playground page. It talks only to the playground's JSON API (/playground/api/...): the
 * server turns every action into the payload Slack or Teams would send and posts it to the bot.
 * Rendering: Block Kit through MissionPulseRender (render.js), Adaptive Cards through Microsoft's
 * own `adaptivecards` renderer.
 */
'use strict';

(function () {
  const POLL_MS = 700;
  const R = window.MissionPulseRender;
  const $ = (id) => document.getElementById(id);

  const ui = {
    people: null,
    as: null,
    conv: { slack: 'channel', teams: 'dm' },
    /** Latest message time seen per person, platform and conversation, for the "new" badges. */
    seen: {},
    lists: {},
    modal: null,
    /** The hash of the Home tab view on screen, so it is redrawn only when the bot publishes again. */
    homeHash: null,
    pollTimer: undefined,
    state: null,
  };

  // ---------- API ----------

  async function api(path, body) {
    const init = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
    const res = await fetch(`/playground/api${path}`, init);
    let json = {};
    try {
      json = await res.json();
    } catch {
      json = {};
    }
    if (!res.ok) throw new Error(json.error || `HTTP ${res.status}`);
    return json;
  }

  function setStatus(platform, text) {
    $(platform === 'slack' ? 'sk-status' : 'tm-status').textContent = text;
  }

  /** Runs a request for one pane; a failure is said in the pane's status line. */
  async function attempt(platform, what, work) {
    setStatus(platform, '');
    try {
      const result = await work();
      if (result && result.status >= 400) setStatus(platform, `${what}: the bot answered HTTP ${result.status}.`);
      schedulePoll(50);
      return result;
    } catch (e) {
      setStatus(platform, `${what}: ${e.message}`);
      return undefined;
    }
  }

  // ---------- helpers ----------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function personaIndex(id) {
    return ui.people.personas.findIndex((p) => p.id === id);
  }

  function initials(name) {
    return name
      .replace(/^Dr\s+/, '')
      .split(/\s+/)
      .map((w) => w[0])
      .slice(0, 2)
      .join('')
      .toUpperCase();
  }

  function avatar(author) {
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

  let jsonCounter = 0;
  /** The "Show JSON" button and its panel: the raw payload behind a message. */
  function jsonToggle(m) {
    const wrap = el('div', 'msg-json');
    const id = `json-${++jsonCounter}`;
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

  function head(m) {
    const h = el('div', 'msg-head');
    h.append(el('span', 'msg-name', authorName(m.author)));
    if (m.author.kind === 'bot') h.append(el('span', 'app-badge', 'APP'));
    const t = el('time', 'msg-time', timeOf(m.at));
    t.dateTime = new Date(m.at).toISOString();
    h.append(t);
    for (const note of m.notes) h.append(el('span', 'msg-note', note));
    return h;
  }

  // ---------- Slack messages ----------

  function slackContext(interactive, prefix) {
    return { users: ui.people.users, interactive, idPrefix: prefix };
  }

  function slackMessage(m) {
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

  // ---------- Teams messages ----------

  const HOST_CONFIG = {
    fontFamily: "'Segoe UI', system-ui, -apple-system, sans-serif",
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 14 },
    separator: { lineThickness: 1, lineColor: '#E0E0E0' },
    fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    containerStyles: {
      default: {
        backgroundColor: '#FFFFFF',
        foregroundColors: {
          default: { default: '#242424', subtle: '#5C5C5C' },
          accent: { default: '#4F52B2', subtle: '#4F52B2' },
          attention: { default: '#A4262C', subtle: '#A4262C' },
          good: { default: '#0E700E', subtle: '#0E700E' },
          warning: { default: '#835B00', subtle: '#835B00' },
          dark: { default: '#242424', subtle: '#424242' },
          light: { default: '#FFFFFF', subtle: '#F5F5F5' },
        },
      },
      emphasis: {
        backgroundColor: '#F5F5F5',
        foregroundColors: { default: { default: '#242424', subtle: '#5C5C5C' } },
      },
    },
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 12 },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
    },
    inputs: {
      label: { requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' }, optionalInputs: { weight: 'bolder' } },
      errorMessage: { size: 'small', weight: 'default' },
    },
  };

  if (window.AdaptiveCards) {
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = R.cardMarkdownToHtml(text);
      result.didProcess = true;
    };
  }

  function renderCard(json, m) {
    const holder = el('div', 'tm-card');
    if (!window.AdaptiveCards) {
      holder.append(el('p', 'unsupported', 'The adaptivecards renderer did not load.'));
      return holder;
    }
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(HOST_CONFIG);
    card.onExecuteAction = (action) => {
      if (action.getJsonTypeName() !== 'Action.Submit') return;
      const value = action.data && typeof action.data === 'object' ? action.data : {};
      attempt('teams', 'Could not send the card', () =>
        api('/teams/submit', {
          as: ui.as,
          conversationId: m.body.conversationId,
          replyToId: m.body.activityId,
          value,
          title: action.title || 'Submit',
        }),
      );
    };
    try {
      card.parse(json);
      const rendered = card.render();
      if (rendered) holder.append(rendered);
    } catch (e) {
      holder.append(el('p', 'unsupported', `The card could not be rendered: ${e.message}`));
    }
    return holder;
  }

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

  // ---------- keyed list rendering ----------

  /** Re-renders only messages that are new or changed, so typing in a card is never lost. */
  function syncList(container, contextKey, messages, render) {
    let list = ui.lists[container.id];
    if (!list || list.context !== contextKey) {
      container.replaceChildren();
      list = { context: contextKey, items: new Map() };
      ui.lists[container.id] = list;
    }
    const nearBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 80;
    const wanted = new Set(messages.map((m) => m.key));
    for (const [key, item] of list.items) {
      if (!wanted.has(key)) {
        item.node.remove();
        list.items.delete(key);
      }
    }
    let previous = null;
    let added = false;
    for (const m of messages) {
      let item = list.items.get(m.key);
      if (!item || item.version !== m.version) {
        const node = render(m);
        node.dataset.key = m.key;
        if (item) item.node.replaceWith(node);
        item = { version: m.version, node };
        list.items.set(m.key, item);
        added = true;
      }
      const expected = previous ? previous.nextSibling : container.firstChild;
      if (expected !== item.node) container.insertBefore(item.node, expected);
      previous = item.node;
    }
    if (messages.length === 0 && !container.firstChild) container.append(el('p', 'msg-event empty', 'No messages yet.'));
    else if (messages.length > 0) container.querySelectorAll(':scope > .empty').forEach((n) => n.remove());
    if (added && nearBottom) container.scrollTop = container.scrollHeight;
  }

  // ---------- the panes ----------

  function conversation(platform, kind) {
    return ui.state[platform].conversations.find((c) => c.kind === kind);
  }

  function updateBadges(platform) {
    for (const kind of ['channel', 'dm']) {
      const conv = conversation(platform, kind);
      const key = `${ui.as}:${platform}:${kind}`;
      const newest = conv.messages.reduce((t, m) => Math.max(t, m.at), 0);
      if (ui.conv[platform] === kind || ui.seen[key] === undefined) ui.seen[key] = newest;
      const fresh = conv.messages.filter((m) => m.at > ui.seen[key] && m.author.kind === 'bot').length;
      const badge = $(`${platform === 'slack' ? 'sk' : 'tm'}-nav-${kind}`).querySelector('.badge');
      badge.hidden = fresh === 0;
      badge.textContent = `${fresh} new`;
    }
  }

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

  function renderSlack() {
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
  async function openSlackHome() {
    ui.conv.slack = 'home';
    ui.homeHash = null;
    if (ui.state) renderSlack();
    await attempt('slack', 'Could not open the Home tab', () => api('/slack/home-open', { as: ui.as }));
  }

  async function onSlackHomeButton(button) {
    if (button.getAttribute('aria-busy') === 'true') return;
    button.setAttribute('aria-busy', 'true');
    await attempt('slack', 'Could not press the button', () =>
      api('/slack/home-action', { as: ui.as, blockId: button.dataset.blockId, actionId: button.dataset.actionId }),
    );
    button.removeAttribute('aria-busy');
  }

  function renderTeams() {
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

  // ---------- Slack modal ----------

  function readModalValues() {
    const values = {};
    for (const input of $('sk-modal-body').querySelectorAll('[data-block-id][data-action-id]')) {
      const block = input.dataset.blockId;
      values[block] = values[block] || {};
      values[block][input.dataset.actionId] = input.value;
    }
    return values;
  }

  function fillModalValues(values) {
    for (const input of $('sk-modal-body').querySelectorAll('[data-block-id][data-action-id]')) {
      const v = values[input.dataset.blockId] && values[input.dataset.blockId][input.dataset.actionId];
      if (v !== undefined) input.value = v;
    }
  }

  function drawModal(view, errors, keep) {
    const r = R.renderModal(view, { ...slackContext(false, 'modal'), errors });
    $('sk-modal-title').textContent = r.title;
    $('sk-modal-body').innerHTML = r.html;
    $('sk-modal-submit').textContent = r.submit || 'Submit';
    $('sk-modal-submit').hidden = !r.submit;
    $('sk-modal-cancel').textContent = r.close;
    if (keep) fillModalValues(keep);
  }

  function syncModal(modal) {
    const dialog = $('sk-modal');
    if (!modal) {
      if (dialog.open && !ui.modal?.submitting) dialog.close();
      ui.modal = null;
      return;
    }
    if (ui.modal && ui.modal.viewId === modal.viewId && ui.modal.hash === modal.hash) return;
    const keep = ui.modal && ui.modal.viewId === modal.viewId ? readModalValues() : null;
    ui.modal = { viewId: modal.viewId, hash: modal.hash, view: modal.view };
    drawModal(modal.view, {}, keep);
    $('sk-modal-status').textContent = '';
    if (!dialog.open) {
      dialog.showModal();
      const first = $('sk-modal-body').querySelector('input, textarea, select');
      if (first) first.focus();
    }
  }

  async function submitModal(event) {
    event.preventDefault();
    if (!ui.modal || ui.modal.submitting) return;
    const values = readModalValues();
    // Slack's client refuses an empty required input before anything is sent.
    const missing = {};
    for (const input of $('sk-modal-body').querySelectorAll('[data-required="1"]')) {
      if (!input.value.trim()) missing[input.dataset.blockId] = 'Please complete this required field.';
    }
    if (Object.keys(missing).length > 0) {
      drawModal(ui.modal.view, missing, values);
      const firstBad = $('sk-modal-body').querySelector('[aria-invalid="true"]');
      if (firstBad) firstBad.focus();
      return;
    }
    ui.modal.submitting = true;
    $('sk-modal-submit').setAttribute('aria-busy', 'true');
    $('sk-modal-status').textContent = '';
    try {
      const result = await api('/slack/view-submit', { as: ui.as, viewId: ui.modal.viewId, values });
      if (result.errors) {
        drawModal(ui.modal.view, result.errors, values);
        const firstBad = $('sk-modal-body').querySelector('[aria-invalid="true"]');
        if (firstBad) firstBad.focus();
      } else if (result.status >= 400) {
        $('sk-modal-status').textContent = 'We had some trouble connecting. Try again?';
      } else {
        $('sk-modal').close();
        ui.modal = null;
      }
    } catch (e) {
      $('sk-modal-status').textContent = `Could not send the form: ${e.message}`;
    } finally {
      if (ui.modal) ui.modal.submitting = false;
      $('sk-modal-submit').removeAttribute('aria-busy');
      schedulePoll(50);
    }
  }

  async function closeModal() {
    const modal = ui.modal;
    if ($('sk-modal').open) $('sk-modal').close();
    ui.modal = null;
    if (modal) await attempt('slack', 'Could not close the form', () => api('/slack/view-close', { as: ui.as, viewId: modal.viewId }));
  }

  // ---------- polling ----------

  async function poll() {
    ui.pollTimer = undefined;
    try {
      const state = await api(`/state?as=${encodeURIComponent(ui.as)}`);
      if (state.as === ui.as) {
        ui.state = state;
        renderSlack();
        renderTeams();
        // How many fresh states the page has drawn: a browser test waits on it before checking
        // that something is not shown.
        document.body.dataset.polls = String(Number(document.body.dataset.polls || 0) + 1);
      }
    } catch (e) {
      setStatus('slack', `Lost touch with the playground: ${e.message}`);
    }
    schedulePoll(POLL_MS);
  }

  function schedulePoll(ms) {
    if (ui.pollTimer !== undefined) clearTimeout(ui.pollTimer);
    ui.pollTimer = setTimeout(poll, ms);
  }

  // ---------- set-up ----------

  function actAs(id) {
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

  function buildPersonas() {
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

  /** Example commands: each button puts its full text in the message box (long ones show shortened). */
  function hints(containerId, inputId, examples) {
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

  function wireComposer(platform, formId, inputId) {
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

  function wireNav(platform, prefix) {
    for (const kind of ['channel', 'dm']) {
      $(`${prefix}-nav-${kind}`).addEventListener('click', () => {
        ui.conv[platform] = kind;
        if (ui.state) (platform === 'slack' ? renderSlack : renderTeams)();
      });
    }
  }

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
    wireNav('slack', 'sk');
    wireNav('teams', 'tm');
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
    $('sk-modal-form').addEventListener('submit', submitModal);
    // As in Slack, an error goes away once the field is changed.
    $('sk-modal-body').addEventListener('input', (event) => {
      const control = event.target.closest('[data-block-id]');
      if (!control || control.getAttribute('aria-invalid') !== 'true') return;
      control.removeAttribute('aria-invalid');
      control.closest('.sk-input')?.classList.remove('sk-input--error');
      const error = document.getElementById(`${control.id}-error`);
      if (error) error.hidden = true;
    });
    $('sk-modal-cancel').addEventListener('click', closeModal);
    $('sk-modal-x').addEventListener('click', closeModal);
    $('sk-modal').addEventListener('cancel', (event) => {
      event.preventDefault();
      closeModal();
    });
    const fromHash = /^#as=([a-z]+)$/.exec(window.location.hash);
    const first = fromHash && ui.people.personas.some((p) => p.id === fromHash[1]) ? fromHash[1] : ui.people.personas[0].id;
    actAs(first);
  }

  start().catch((e) => setStatus('slack', `The playground could not start: ${e.message}`));
})();
