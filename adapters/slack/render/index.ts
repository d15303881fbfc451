export { renderSlackMessage } from './message';
export { renderSlackModal } from './modal';
export { renderSlackHome } from './home';
export { readSlackViewValues, type SlackViewStateValue, type SlackViewStateValues } from './view-values';
export { baseActionId, uniqueActionIds } from './action-ids';
export { escapeMrkdwn, richMrkdwn, cutPlain, cutMrkdwn, progressBar } from './text';
export { SLACK_LIMITS } from './limits';
export { SlackRenderError, type SlackRenderReason } from './errors';
