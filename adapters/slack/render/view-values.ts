/** The part of a view_submission's `view.state.values` entry this reader needs. */
export interface SlackViewStateValue {
  type?: string;
  value?: string | null;
  selected_option?: { value?: string | null } | null;
}

export type SlackViewStateValues = Record<string, Record<string, SlackViewStateValue>>;

/**
 * `view.state.values` -> `{ inputId: value }`. Keys are the action_ids, which renderSlackModal
 * sets to the input ids; an empty or cleared input reads as ''. Pass the form's input ids to
 * get a key for every input even when Slack left one out.
 */
export function readSlackViewValues(stateValues: SlackViewStateValues, inputIds: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(inputIds.map((id) => [id, '']));
  for (const actions of Object.values(stateValues ?? {})) {
    for (const [actionId, entry] of Object.entries(actions ?? {})) {
      // A payload is input: an entry that is not an object reads as empty rather than throwing.
      const object = entry !== null && typeof entry === 'object';
      const value = object && 'selected_option' in entry ? entry.selected_option?.value : object ? entry.value : undefined;
      out[actionId] = typeof value === 'string' ? value : '';
    }
  }
  return out;
}
