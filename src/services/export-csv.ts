import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { ApiBlocker, ApiCheckin, ApiIndicator, ApiReading } from '../http/api/schemas';

/**
 * The CSV export: check-ins, blockers and indicator readings of one mission in one sheet, one
 * row per record with a `record` column to filter on. Built from the reporting API's shapes,
 * so `mission export` in chat and `mission-pulse export --format csv` give the same file.
 */
export const EXPORT_COLUMNS = [
  'record',
  'id',
  'week',
  'date',
  'person',
  'organisation',
  'status',
  'late',
  'confidence',
  'moved',
  'next',
  'blocker',
  'severity',
  'help_wanted',
  'story',
  'other_answers',
  'resolved_at',
  'resolution',
  'indicator',
  'indicator_name',
  'value',
  'unit',
  'note',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportRow = Partial<Record<ExportColumn, string | number>>;

export interface ExportSource {
  /** The mission's time zone: times are written as its local wall-clock time. */
  timeZone: string;
  checkins: ApiCheckin[];
  blockers: ApiBlocker[];
  indicators: Array<{ indicator: ApiIndicator; readings: ApiReading[] }>;
}

/** Columns for the check-in answers whose question has one of these roles. */
const ROLE_COLUMNS: Record<string, ExportColumn> = {
  moved: 'moved',
  next: 'next',
  blocker: 'blocker',
  'blocker-severity': 'severity',
  'blocker-help': 'help_wanted',
  story: 'story',
};

function localTime(isoTime: string | null, zone: string): string {
  if (!isoTime) return '';
  const t = DateTime.fromISO(isoTime, { zone });
  return t.isValid ? t.toFormat('yyyy-LL-dd HH:mm') : isoTime;
}

function checkinRow(c: ApiCheckin, zone: string): ExportRow {
  const row: ExportRow = {
    record: 'checkin',
    id: c.id,
    week: c.weekKey,
    date: localTime(c.submittedAt, zone),
    person: c.member.displayName ?? '',
    organisation: c.member.organisation ?? '',
    status: c.status,
    late: c.late ? 'yes' : 'no',
    ...(c.confidence !== null ? { confidence: c.confidence } : {}),
  };
  const other: string[] = [];
  for (const a of c.answers) {
    const column = a.role ? ROLE_COLUMNS[a.role] : undefined;
    if (column) row[column] = a.value;
    else if (a.role !== 'confidence') other.push(`${a.prompt}: ${a.value}`);
  }
  if (other.length > 0) row.other_answers = other.join('\n');
  return row;
}

function blockerRow(b: ApiBlocker, zone: string): ExportRow {
  return {
    record: 'blocker',
    id: b.id,
    week: b.weekKey,
    date: localTime(b.firstSeenAt, zone),
    person: b.owner.displayName ?? '',
    organisation: b.owner.organisation ?? '',
    status: b.status,
    blocker: b.text,
    severity: b.severity,
    help_wanted: b.helpWanted ?? '',
    resolved_at: localTime(b.resolvedAt, zone),
    resolution: b.resolution ?? '',
  };
}

function readingRow(i: ApiIndicator, r: ApiReading): ExportRow {
  return {
    record: 'indicator_reading',
    id: `${i.key}:${r.date}`,
    date: r.date,
    person: r.recordedByName ?? '',
    indicator: i.key,
    indicator_name: i.name,
    value: r.value,
    unit: i.unit ?? '',
    note: r.note ?? '',
  };
}

export function exportRows(src: ExportSource): ExportRow[] {
  return [
    ...src.checkins.map((c) => checkinRow(c, src.timeZone)),
    ...src.blockers.map((b) => blockerRow(b, src.timeZone)),
    ...src.indicators.flatMap(({ indicator, readings }) => readings.map((r) => readingRow(indicator, r))),
  ];
}

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first)
 * gets a leading apostrophe, which Excel and LibreOffice show as text (OWASP "CSV injection").
 * Numbers are written by us and left as numbers, so a value of -3 stays a number.
 */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** UTF-8 with a byte-order mark (so Excel reads "Zoë" right), CRLF line ends, a header row. */
export function toCsv(rows: ExportRow[]): Buffer {
  const records = rows.map((row) =>
    EXPORT_COLUMNS.map((column) => {
      const v = row[column];
      return typeof v === 'string' ? neutraliseCell(v) : v === undefined ? '' : v;
    }),
  );
  const text = stringify([[...EXPORT_COLUMNS], ...records], { bom: true, record_delimiter: 'windows' });
  return Buffer.from(text, 'utf8');
}

export function exportFilename(slug: string, day: string): string {
  return `${slug}-export-${day}.csv`;
}
