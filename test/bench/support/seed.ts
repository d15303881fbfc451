import { userKey } from '../../../src/domain/identity';
import { memberId } from '../../../src/domain/mission';
import { DEFAULT_QUESTIONS } from '../../../src/domain/questions';
import { DEFAULT_SCHEDULE, type Schedule } from '../../../src/domain/schedule';
import { DEFAULT_TIME_ZONE } from '../../../src/domain/time-zone';
import { memberModel, type MemberDoc } from '../../../src/store/models/member-model';
import { personModel, type PersonDoc } from '../../../src/store/models/person-model';
import type { Store } from '../../../src/store/store';
import type { CountyMission } from './county';

const CHUNK = 1000;

async function inChunks<T>(items: T[], size: number, work: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await work(items.slice(i, i + size));
}

export interface SeedOptions {
  at: Date;
  schedule?: Schedule;
  /** Each mission's zone (default Europe/London). */
  timeZone?: string;
  /** When each mission's next round opens (the scheduler's due time). */
  nextOpenAt?: Date;
}

/**
 * Writes the county straight into the store (seeding is not measured): missions through the
 * repository, members and people in bulk. Teams people get a stored DM, as if each had
 * installed the app; Slack people need none (the bot can always open a Slack DM).
 */
export async function seedCounty(store: Store, missions: CountyMission[], opts: SeedOptions): Promise<void> {
  const schedule = opts.schedule ?? { ...DEFAULT_SCHEDULE };
  const creators = missions.map((m) => m.members[0]?.user ?? { ...m.home, userId: 'U0BENCHADMIN' });
  await inChunks(missions, 25, (chunk) =>
    Promise.all(
      chunk.map((m) =>
        store.missions.insert(
          {
            id: m.id,
            home: m.home,
            slug: m.slug,
            statement: `By 2030, mission ${m.index} makes the county measurably better`,
            timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE,
            digestChannel: m.digestChannel,
            schedule,
            questions: DEFAULT_QUESTIONS,
            nextOpenAt: opts.nextOpenAt,
            createdBy: creators[m.index] ?? { ...m.home, userId: 'U0BENCHADMIN' },
          },
          opts.at,
        ),
      ),
    ),
  );
  const members: MemberDoc[] = missions.flatMap((m) =>
    m.members.map((p) => ({
      _id: memberId(m.id, p.user),
      missionId: m.id,
      platform: p.user.platform,
      workspaceId: p.user.workspaceId,
      userId: p.user.userId,
      userKey: userKey(p.user),
      displayName: p.name,
      organisation: p.organisation,
      role: p.role,
      joinedAt: opts.at,
    })),
  );
  const model = memberModel(store.connection);
  await inChunks(members, CHUNK, (chunk) => model.insertMany(chunk, { ordered: false, lean: true }));
  const people: PersonDoc[] = missions.flatMap((m) =>
    m.members
      .filter((p) => p.dm)
      .map((p) => ({
        _id: userKey(p.user),
        platform: p.user.platform,
        workspaceId: p.user.workspaceId,
        userId: p.user.userId,
        displayName: p.name,
        dm: { ...p.dm! },
        updatedAt: opts.at,
      })),
  );
  const personDocs = personModel(store.connection);
  await inChunks(people, CHUNK, (chunk) => personDocs.insertMany(chunk, { ordered: false, lean: true }));
}
