import { api } from './api.js';
import { attempt } from './attempt.js';
import { $ } from './dom.js';
import { schedulePoll } from './poll.js';
import { slackContext } from './slack-message.js';
import { ui } from './state.js';

/** The Slack modal: the view the bot opened (views.open), its submission and its errors, as Slack's client does. */

const R = window.MissionPulseRender;

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

function focusFirstError() {
  const firstBad = $('sk-modal-body').querySelector('[aria-invalid="true"]');
  if (firstBad) firstBad.focus();
}

/** Opens, redraws or closes the dialog to match the view the stand-in holds for this person. */
export function syncModal(modal) {
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
    focusFirstError();
    return;
  }
  ui.modal.submitting = true;
  $('sk-modal-submit').setAttribute('aria-busy', 'true');
  $('sk-modal-status').textContent = '';
  try {
    const result = await api('/slack/view-submit', { as: ui.as, viewId: ui.modal.viewId, values });
    if (result.errors) {
      drawModal(ui.modal.view, result.errors, values);
      focusFirstError();
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

export function wireSlackModal() {
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
}
