import { startTestApp, type TestApp } from '../support/app-harness';
import { SlackPerson } from '../support/slack-person';
import { waitFor } from '../support/wait-for';

/** GET /metrics: Prometheus text that moves as the bot works. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('metrics');
});
afterAll(async () => {
  await t.stop();
});

async function scrape(): Promise<string> {
  const res = await fetch(`${t.app.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/plain/);
  return res.text();
}

function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(series));
  return line ? Number(line.slice(series.length).trim()) : 0;
}

it('counts requests, sends, outbox depth, job durations and database latency', async () => {
  const before = await scrape();
  const ada = new SlackPerson(t, 'U0ADA');
  await ada.command('/mission', 'create "Every young person in Ladywood in work or training" slug=jobs');
  await ada.command('/mission', 'add jobs <@U0BEN|ben> <@U0CHI|chi>');
  await ada.command('/mission', 'checkin-now jobs');
  await waitFor(() => expect(new SlackPerson(t, 'U0CHI').inbox()).toHaveLength(1));
  await t.teamsMessage({ id: '29:tamsin', name: 'Tamsin' }, 'mission list');
  await t.app.runtime.scheduler.tick();

  const after = await scrape();
  const slackOk = 'mission_pulse_requests_total{platform="slack",outcome="2xx"}';
  expect(value(after, slackOk) - value(before, slackOk)).toBe(3);
  expect(value(after, 'mission_pulse_requests_total{platform="teams",outcome="2xx"}')).toBeGreaterThanOrEqual(1);
  expect(value(after, 'mission_pulse_sends_total{platform="slack",operation="send",result="ok"}')).toBe(3);
  expect(after).toMatch(/mission_pulse_outbox_items\{status="sent"\} \d+/);
  expect(after).toMatch(/mission_pulse_outbox_oldest_pending_seconds \d/);
  expect(value(after, 'mission_pulse_job_duration_seconds_count{job="scheduler-tick"}')).toBeGreaterThanOrEqual(1);
  expect(value(after, 'mission_pulse_db_command_seconds_count{command="insert"}')).toBeGreaterThan(0);
  expect(after).toMatch(/mission_pulse_process_resident_memory_bytes \d+/);
});
