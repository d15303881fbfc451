import { schedulePoll } from './poll.js';
import { setStatus } from './status.js';

/** Runs a request for one pane; a failure is said in the pane's status line. */
export async function attempt(platform, what, work) {
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
