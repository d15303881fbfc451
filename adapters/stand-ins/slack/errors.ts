/** A Slack Web API error answered as HTTP 200 `{ ok: false, error, ...extra }`. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
    this.name = 'SlackApiError';
  }
}

/** The shape Slack uses for Block Kit / view validation failures. */
export function blockErrors(error: string, errors: string[]): SlackApiError {
  return new SlackApiError(error, { errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } });
}
