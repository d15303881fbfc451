import type { ServerResponse } from 'node:http';

/**
 * The pages a person sees in their browser at the end of "Add to Slack": what happened and
 * what to do next. Plain HTML, no scripts; every value from Slack is escaped.
 */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Mission Pulse</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}h1{font-size:1.6rem}code{background:#f3f2f1;padding:0 .25rem}a{color:#1d4f91}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body>
</html>`;
}

export function installedPage(res: ServerResponse, teamName: string | undefined): void {
  const where = teamName ? ` in <strong>${escapeHtml(teamName)}</strong>` : '';
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(
    page(
      'Mission Pulse is installed',
      `<p>Mission Pulse is now installed${where}.</p>
<p>Next, in Slack: type <code>/mission help</code> in any channel to see what you can do, then <code>/mission create</code> to set up your first mission.</p>
<p>You can close this page.</p>`,
    ),
  );
}

/** Slack's OAuth error codes for a refused state are the person's to fix by starting again. */
const START_AGAIN = new Set([
  'slack_oauth_missing_state',
  'slack_oauth_invalid_state',
  'slack_oauth_missing_code',
  'slack_oauth_installer_authorization_error',
]);

export function installFailedPage(res: ServerResponse, code: string | undefined): void {
  const again = START_AGAIN.has(code ?? '');
  res.writeHead(again ? 400 : 500, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(
    page(
      'Mission Pulse was not installed',
      `<p>${again ? 'The installation link had expired, was opened in another browser, or was cancelled.' : 'Slack did not complete the installation.'}</p>
<p><a href="/slack/install">Start the installation again</a>. If it keeps failing, ask whoever runs Mission Pulse to check its logs (reason: <code>${escapeHtml(code ?? 'unknown')}</code>).</p>`,
    ),
  );
}
