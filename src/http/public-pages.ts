import type { Application } from 'express';

/**
 * The public pages the Teams manifest links to (home, privacy, terms). Teams Store validation
 * requires them over HTTPS at the bot's host; they are plain, accessible HTML.
 */
const PAGES: Record<string, { title: string; body: string }> = {
  '/': {
    title: 'Mission Pulse',
    body: `<p>Mission Pulse runs the weekly rhythm of cross-organisation mission teams in Slack and Microsoft Teams:
check-ins in a direct message, progress digests and blocker alerts in channels.</p>
<p>Support: ask your organisation's Mission Pulse administrator, who runs this server.</p>
<p><a href="/privacy">Privacy</a> · <a href="/terms">Terms of use</a></p>`,
  },
  '/privacy': {
    title: 'Mission Pulse privacy notice',
    body: `<p>This Mission Pulse server is run by the organisation that installed it (the data controller).</p>
<h2>What is stored</h2>
<ul>
<li>Your chat platform identity (workspace or tenant id, user id) and display name, your organisation and role in each mission.</li>
<li>Your check-in answers, with their edit history, and blockers you raise.</li>
<li>How to reach you in a direct message, and the dates you said you are away.</li>
<li>An audit log of changes admins make to missions.</li>
</ul>
<h2>Why</h2>
<p>To run the mission's weekly check-ins and report progress to the mission team (UK GDPR Article 6(1)(e), public task, or 6(1)(b), contract, as the controller decides).</p>
<h2>Where and for how long</h2>
<p>In the MongoDB database the controller runs this server with. Answers are kept for the mission's retention period set by its admins.</p>
<h2>Your rights</h2>
<p>Ask the mission's admins or the controller for a copy of your data or for its erasure.</p>`,
  },
  '/terms': {
    title: 'Mission Pulse terms of use',
    body: `<p>Use Mission Pulse for your mission team's work only. Do not put special category personal data about other people in check-ins.
The organisation that runs this server sets any further terms.</p>`,
  },
};

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}a{color:#1d4f91}a:focus{outline:3px solid #ffbf47}</style></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;
}

export function mountPublicPages(app: Application): void {
  for (const [path, p] of Object.entries(PAGES)) {
    app.get(path, (_req, res) => {
      res.type('html').send(page(p.title, p.body));
    });
  }
}
