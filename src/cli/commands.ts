import type { ApiIndicator, ApiMission, ApiReading } from '../http/api/schemas';
import { exportRows, toCsv, type ExportSource } from '../services/export-csv';
import { allPages, unwrap, type MissionPulseClient } from './client';
import type { CliOptions } from './options';

/** What a command prints: text (a trailing newline added by the caller) or exact bytes. */
export type CliOutput = { text: string } | { bytes: Buffer };

const PAGE = 100;
const json = (value: unknown): CliOutput => ({ text: JSON.stringify(value, null, 2) });

async function mission(api: MissionPulseClient, slug: string): Promise<ApiMission> {
  return unwrap(await api.GET('/missions/{mission}', { params: { path: { mission: slug } } }));
}

/** Everything the CSV export holds, read page by page through the API. */
export async function exportSource(api: MissionPulseClient, slug: string): Promise<ExportSource & { mission: ApiMission }> {
  const path = { mission: slug };
  const m = await mission(api, slug);
  const checkins = await allPages(async (cursor) =>
    unwrap(await api.GET('/missions/{mission}/checkins', { params: { path, query: { limit: PAGE, cursor } } })),
  );
  const blockers = await allPages(async (cursor) =>
    unwrap(await api.GET('/missions/{mission}/blockers', { params: { path, query: { limit: PAGE, cursor } } })),
  );
  const indicators = await allPages(async (cursor) =>
    unwrap(await api.GET('/missions/{mission}/indicators', { params: { path, query: { limit: PAGE, cursor } } })),
  );
  const withReadings: Array<{ indicator: ApiIndicator; readings: ApiReading[] }> = [];
  for (const indicator of indicators) {
    const readings = await allPages(async (cursor) =>
      unwrap(
        await api.GET('/missions/{mission}/indicators/{key}/readings', {
          params: { path: { mission: slug, key: indicator.key }, query: { limit: PAGE, cursor } },
        }),
      ),
    );
    withReadings.push({ indicator, readings });
  }
  return { mission: m, timeZone: m.timeZone, checkins, blockers, indicators: withReadings };
}

export async function runCommand(api: MissionPulseClient, o: CliOptions): Promise<CliOutput> {
  const slug = o.slug ?? '';
  const path = { mission: slug };
  switch (o.command) {
    case 'missions': {
      const list = await allPages(async (cursor) => unwrap(await api.GET('/missions', { params: { query: { limit: PAGE, cursor } } })));
      if (o.format === 'json') return json(list);
      return { text: list.length === 0 ? 'No missions.' : list.map((m) => `${m.slug}\t${m.statement}`).join('\n') };
    }
    case 'show': {
      const m = await mission(api, slug);
      return o.format === 'json'
        ? json(m)
        : {
            text: `${m.slug}: ${m.statement}\nTarget: ${m.targetDate ?? 'not set'}\nPlace: ${m.place ?? 'not set'}\nTime zone: ${m.timeZone}`,
          };
    }
    case 'members':
      return json(
        await allPages(async (cursor) =>
          unwrap(await api.GET('/missions/{mission}/members', { params: { path, query: { limit: PAGE, cursor } } })),
        ),
      );
    case 'rounds':
      return json(
        await allPages(async (cursor) =>
          unwrap(await api.GET('/missions/{mission}/rounds', { params: { path, query: { limit: PAGE, cursor } } })),
        ),
      );
    case 'checkins':
      return json(
        await allPages(async (cursor) =>
          unwrap(
            await api.GET('/missions/{mission}/checkins', {
              params: { path, query: { limit: PAGE, cursor, ...(o.week ? { week: o.week } : {}) } },
            }),
          ),
        ),
      );
    case 'blockers': {
      const status = o.status as 'open' | 'resolved' | 'withdrawn' | undefined;
      return json(
        await allPages(async (cursor) =>
          unwrap(
            await api.GET('/missions/{mission}/blockers', {
              params: { path, query: { limit: PAGE, cursor, ...(status ? { status } : {}) } },
            }),
          ),
        ),
      );
    }
    case 'indicators':
      return json(
        await allPages(async (cursor) =>
          unwrap(await api.GET('/missions/{mission}/indicators', { params: { path, query: { limit: PAGE, cursor } } })),
        ),
      );
    case 'digests':
      return json(
        await allPages(async (cursor) =>
          unwrap(await api.GET('/missions/{mission}/digests', { params: { path, query: { limit: 20, cursor } } })),
        ),
      );
    case 'export': {
      const source = await exportSource(api, slug);
      if (o.format === 'json')
        return json({ mission: source.mission, checkins: source.checkins, blockers: source.blockers, indicators: source.indicators });
      return { bytes: toCsv(exportRows(source)) };
    }
  }
}
