import { parse } from 'csv-parse/sync';

export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The CSV as a spreadsheet would read it: header row, then one object per row. */
export function readCsv(bytes: Buffer): { header: string[]; rows: Array<Record<string, string>> } {
  const all = parse(bytes, { bom: true, relax_column_count: false }) as string[][];
  const [header, ...body] = all;
  return { header, rows: body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]]))) };
}
