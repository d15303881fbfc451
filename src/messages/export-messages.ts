import type { Mission } from '../domain/mission';
import type { Message } from './model';

/** Messages about `mission export`. Pure: data in, neutral message out. */

export interface ExportCounts {
  checkins: number;
  blockers: number;
  readings: number;
}

export function exportSummary(slug: string, c: ExportCounts): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return `Export of ${slug}: ${n(c.checkins, 'check-in', 'check-ins')}, ${n(c.blockers, 'blocker', 'blockers')} and ${n(c.readings, 'indicator reading', 'indicator readings')}. UTF-8 CSV, opens in Excel.`;
}

export function exportStartedMessage(mission: Mission): Message {
  const text = `Preparing the export of ${mission.slug}. The CSV will arrive in your direct messages in a moment.`;
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}

/** For platforms where the bot cannot post a file: a short-lived download link. */
export function exportLinkMessage(mission: Mission, url: string, counts: ExportCounts, validMinutes: number): Message {
  return {
    summary: `Your export of ${mission.slug} is ready to download.`,
    blocks: [
      { kind: 'header', text: `Export of ${mission.slug}` },
      {
        kind: 'text',
        text: [`Download the CSV (the link works for ${validMinutes} minutes, for anyone who has it, so do not forward it):`],
      },
      { kind: 'text', text: [url] },
      {
        kind: 'fields',
        fields: [
          { label: 'Check-ins', value: String(counts.checkins) },
          { label: 'Blockers', value: String(counts.blockers) },
          { label: 'Indicator readings', value: String(counts.readings) },
        ],
      },
      { kind: 'context', text: ['UTF-8 CSV with one row per record; filter on the "record" column. Opens in Excel.'] },
    ],
  };
}

export function exportFailedMessage(slug: string): Message {
  const text = `Sorry, the export of ${slug} could not be made just now. Please try \`mission export ${slug}\` again in a few minutes.`;
  return { summary: text, blocks: [{ kind: 'text', text: [text] }] };
}
