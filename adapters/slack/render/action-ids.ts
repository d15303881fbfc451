/*
 * Slack rejects a message whose actions block repeats an action_id, but the model routes by
 * actionId and two buttons may share one (told apart by value). Repeats get a `~n` suffix that
 * the inbound adapter strips with baseActionId.
 */
const SUFFIX = /~\d+$/;

export function uniqueActionIds(ids: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}~${n}`;
  });
}

/** The model's actionId for an action_id this renderer produced. */
export function baseActionId(slackActionId: string): string {
  return slackActionId.replace(SUFFIX, '');
}
