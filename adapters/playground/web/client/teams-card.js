import { api } from './api.js';
import { attempt } from './attempt.js';
import { el } from './dom.js';
import { ui } from './state.js';

/** Adaptive Cards drawn by Microsoft's own renderer (adaptivecards.js), styled like Teams; Action.Submit posts back. */

const R = window.MissionPulseRender;

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

/** One card of message `m`; its Action.Submit answers in the conversation the card sits in. */
export function renderCard(json, m) {
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
