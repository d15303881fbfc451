import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Browser, Locator, Page } from 'playwright-core';
import { startPlayground, type RunningPlayground } from '../../adapters/playground';
import { testDatabase, type TestDatabase } from '../support/database';
import { settled, waitFor } from '../support/wait-for';
import { launchChromium } from './browser';

/**
 * The playground in real Chromium: people create missions, add each other and answer check-ins
 * on the Slack pane and on the Teams pane, and each person sees only what the platform would
 * show them. Screenshots go to test-artifacts/playground/.
 */
jest.setTimeout(90_000);

const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'playground');
const WAIT = 15_000;

let db: TestDatabase;
let playground: RunningPlayground;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let shot = 0;

beforeAll(async () => {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
  db = await testDatabase('playground_browser');
  playground = await startPlayground({
    env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', MONGODB_URI: db.uri, MONGODB_DB: db.dbName },
    logger: pino({ level: 'silent' }),
    scheduler: false,
    dispatcher: { pollIntervalMs: 50 },
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(`${playground.url.replace('localhost', '127.0.0.1')}#as=amira`);
});

afterAll(async () => {
  await browser?.close();
  await playground?.stop();
  await db?.drop();
});

const slack = (): Locator => page.locator('section.slack');
const teams = (): Locator => page.locator('section.teams');

/**
 * Runs in the page (as source text: the tests compile without the DOM library). Every visible
 * control needs a name and a target of at least 24×24 px; a visually hidden radio button's
 * target is its label.
 */
const CONTROL_AUDIT = `(() => {
  const out = [];
  let checked = 0;
  for (const c of document.querySelectorAll('button, input, select, textarea, a[href]')) {
    const box = c.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(c).visibility === 'hidden') continue;
    checked += 1;
    const target = c.type === 'radio' ? c.closest('label').getBoundingClientRect() : box;
    if (target.width < 24 || target.height < 24) out.push('too small: ' + c.outerHTML.slice(0, 80));
    const named = (c.labels && c.labels.length) || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby') || c.textContent.trim();
    if (!named) out.push('no label: ' + c.outerHTML.slice(0, 80));
  }
  return { checked, problems: out };
})()`;

async function screenshot(name: string): Promise<void> {
  shot += 1;
  await page.screenshot({ path: path.join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${name}.png`) });
}

const NAMES = { amira: 'Amira Haddad', tom: 'Tom Reilly', grace: 'Dr Grace Mensah', sam: 'Sam Okoro' } as const;

async function actAs(id: keyof typeof NAMES): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(NAMES[id]) }).check();
  await page.waitForFunction(`window.location.hash === '#as=${id}'`);
}

async function say(pane: Locator, text: string): Promise<void> {
  const input = pane.getByRole('textbox', { name: /^(Message|Post in)/ });
  await input.fill(text);
  await input.press('Enter');
}

/** Waits until the pane's open conversation shows the text (the page polls every 700 ms). */
async function sees(pane: Locator, text: string | RegExp): Promise<Locator> {
  const found = pane.locator('.messages').getByText(text).filter({ visible: true }).last();
  await found.waitFor({ state: 'visible', timeout: WAIT });
  return found;
}

/** Once the bot has settled and the page has drawn a state fetched after that, the text is not shown. */
async function doesNotSee(pane: Locator, text: string | RegExp): Promise<void> {
  await settled(playground.app);
  // A poll under way may have read the state before; the one after it cannot have.
  const polls = async (): Promise<number> => Number(await page.evaluate('document.body.dataset.polls || 0'));
  const before = await polls();
  await waitFor(async () => (await polls()) >= before + 2, {
    timeoutMs: WAIT,
    what: 'the page to draw a state read after the bot settled',
  });
  expect(await pane.locator('.messages').getByText(text).filter({ visible: true }).count()).toBe(0);
}

async function open(pane: Locator, conversation: RegExp): Promise<void> {
  await pane.getByRole('navigation').getByRole('button', { name: conversation }).click();
}

describe('the playground in a browser', () => {
  it('Slack: an admin creates a mission and adds two people; each of them answers their check-in as Slack would show it', async () => {
    await sees(slack(), /^No messages yet\.$/);
    await say(slack(), '/mission create "By 2030, no young person in Ladywood is long-term unemployed" slug=ladywood-jobs');
    await sees(slack(), 'Mission created');
    await say(slack(), '/mission add ladywood-jobs @tom @grace org="Ladywood Health Partnership"');
    await sees(slack(), /Added to ladywood-jobs: tom\.reilly, grace\.mensah/);
    await say(slack(), '/mission checkin-now ladywood-jobs');
    await sees(slack(), /Opened the check-in for ladywood-jobs/);
    await screenshot('slack-admin');

    // Tom sees none of Amira's private replies in the channel, and his prompt in his DM.
    await actAs('tom');
    await doesNotSee(slack(), 'Mission created');
    await open(slack(), /Mission Pulse/);
    await sees(slack(), 'Time for your weekly check-in for');
    await slack().getByRole('button', { name: 'Answer check-in' }).click();
    const modal = page.getByRole('dialog', { name: 'Weekly check-in' });
    await modal.waitFor({ timeout: WAIT });
    await modal.getByRole('button', { name: 'Submit' }).click();
    await modal.getByText('Please complete this required field.').first().waitFor({ timeout: WAIT });
    await modal
      .getByLabel('What moved this week toward the mission?')
      .fill('GP social prescribing referrals to the jobs programme are live.');
    await modal.getByLabel("What's next?").fill('Share the referral numbers at the partnership board.');
    await modal.getByLabel(/How confident are you/).selectOption({ label: '4 — likely' });
    await screenshot('slack-modal');
    await modal.getByRole('button', { name: 'Submit' }).click();
    await modal.waitFor({ state: 'hidden', timeout: WAIT });
    await sees(slack(), 'Check-in received — thank you');
    await sees(slack(), 'GP social prescribing referrals to the jobs programme are live.');
    await screenshot('slack-tom-answered');

    // Grace skips hers; Sam, who is not on the mission, gets nothing.
    await actAs('grace');
    await open(slack(), /Mission Pulse/);
    await sees(slack(), 'Time for your weekly check-in for');
    await slack().getByRole('button', { name: 'Skip this week' }).click();
    await sees(slack(), /You skipped the check-in for/);
    await screenshot('slack-grace-skipped');
    await actAs('sam');
    await open(slack(), /Mission Pulse/);
    await doesNotSee(slack(), /weekly check-in/i);
  });

  it("Slack: the app's Home tab shows the person's overview, published by the bot when the tab opens", async () => {
    await actAs('tom');
    await open(slack(), /Mission Pulse/);
    await slack().getByRole('button', { name: 'Home', exact: true }).click();
    const home = slack().locator('#sk-home-content');
    await home.getByRole('heading', { name: 'Your missions' }).waitFor({ timeout: WAIT });
    await home
      .getByText(/ladywood-jobs/)
      .first()
      .waitFor({ timeout: WAIT });
    await home.getByText(/checked in this week/).waitFor({ timeout: WAIT });
    expect(await slack().getByRole('textbox').isVisible()).toBe(false);
    await home.getByRole('button', { name: 'Refresh' }).click();
    await screenshot('slack-home');
    await slack().getByRole('button', { name: 'Messages', exact: true }).click();
    await sees(slack(), 'Check-in received — thank you');
  });

  it('Teams: the same on the Teams pane, with the check-in answered in the card itself', async () => {
    await actAs('amira');
    await open(teams(), /Mission Pulse/);
    await say(teams(), 'mission create "By 2030, every Ladywood family has a warm, dry home" slug=warm-homes');
    await sees(teams(), 'Mission created');
    await say(teams(), 'mission add warm-homes @sam @grace org="Ladywood Community Trust"');
    await sees(teams(), 'Added to warm-homes: Sam Okoro, Dr Grace Mensah.');
    await say(teams(), 'mission checkin-now warm-homes');
    await sees(teams(), /Opened the check-in for warm-homes/);
    await screenshot('teams-admin');

    await actAs('sam');
    await open(teams(), /Mission Pulse/);
    await sees(teams(), /Time for your weekly check-in for By 2030, every Ladywood family/);
    const card = teams().locator('.tm-card').last();
    await card.getByLabel(/What moved this week toward the mission\?/).fill('Tuesday drop-in: 22 young people came, six new CVs written.');
    await card.getByLabel(/What's next\?/).fill('Plan the summer programme with the youth panel.');
    await card.getByLabel(/How confident are you/).selectOption({ label: '5 — very likely' });
    await screenshot('teams-card-filled');
    await card.getByRole('button', { name: 'Submit' }).click();
    await sees(teams(), 'Check-in received — thank you');
    await sees(teams(), 'Tuesday drop-in: 22 young people came, six new CVs written.');
    await screenshot('teams-sam-answered');

    await actAs('grace');
    await open(teams(), /Mission Pulse/);
    await sees(teams(), /Time for your weekly check-in for By 2030, every Ladywood family/);
    // The card's own "Skip this week": a plain button never demands the form's inputs.
    await teams().locator('.tm-card').last().getByRole('button', { name: 'Skip this week' }).click();
    await sees(teams(), /Skipped this week's check-in for warm-homes/);
    await sees(teams(), /You skipped the check-in for/);

    // Tom is not on warm-homes: his chat has no prompt. In the channel, everyone sees a post and its reply.
    await actAs('tom');
    await open(teams(), /Mission Pulse/);
    await doesNotSee(teams(), /weekly check-in/i);
    await open(teams(), /General/);
    await say(teams(), 'mission help');
    await sees(teams(), 'Mission Pulse commands');
    await actAs('sam');
    await open(teams(), /General/);
    await sees(teams(), 'Mission Pulse commands');
    await screenshot('teams-channel');
  });

  it('shows the exact payload behind a message, and has no script errors', async () => {
    /** Opens the JSON of one message and answers what it shows. */
    const showJson = async (toggle: Locator): Promise<string> => {
      const panelId = await toggle.getAttribute('aria-controls');
      await toggle.click();
      expect(await page.locator(`[aria-controls="${panelId}"]`).getAttribute('aria-expanded')).toBe('true');
      return (await page.locator(`#${panelId}`).textContent()) ?? '';
    };
    const bot = (pane: Locator) => pane.locator('article').filter({ has: page.locator('.app-badge') });
    expect(await showJson(bot(teams()).last().getByRole('button', { name: 'Show JSON' }))).toContain(
      '"contentType": "application/vnd.microsoft.card.adaptive"',
    );
    await open(slack(), /Mission Pulse/);
    await actAs('tom');
    await sees(slack(), 'Check-in received — thank you');
    const json = await showJson(bot(slack()).first().getByRole('button', { name: 'Show JSON' }));
    expect(json).toContain('chat.update');
    expect(json).toContain('"blocks"');
    expect(pageErrors).toEqual([]);
  });

  it('is usable from the keyboard: labelled controls, visible focus, targets of at least 24×24 px', async () => {
    const audit = await page.evaluate<{ checked: number; problems: string[] }>(CONTROL_AUDIT);
    expect(audit.checked).toBeGreaterThan(20);
    expect(audit.problems).toEqual([]);

    // From the Slack message box, Tab reaches the Send button, and the focus ring shows.
    await slack().getByRole('textbox').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<{ text: string; outline: string; width: string }>(`(() => {
      const style = getComputedStyle(document.activeElement);
      return { text: document.activeElement.textContent, outline: style.outlineStyle, width: style.outlineWidth };
    })()`);
    expect(focused.text).toBe('Send');
    expect(focused.outline).toBe('solid');
    expect(parseFloat(focused.width)).toBeGreaterThanOrEqual(2);
    await screenshot('keyboard-focus');
  });
});
