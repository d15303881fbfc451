import { checkinId, roundId } from '../../src/domain/checkin';
import type { UserRef } from '../../src/domain/identity';
import { DEFAULT_QUESTIONS } from '../../src/domain/questions';
import { DEFAULT_SCHEDULE, roundTimes } from '../../src/domain/schedule';
import { DEFAULT_TIME_ZONE } from '../../src/domain/time-zone';
import type { Store } from '../../src/store/store';

/**
 * One person admin of `n` missions, each with a long statement, an open round waiting for their
 * check-in and a 3,000-character high blocker of theirs that tries to ping everyone: the
 * largest overview a person can have. Written through the repositories (fast, deterministic).
 */
export async function seedCrowdedPerson(store: Store, user: UserRef, n: number, at: Date, weekKey = '2026-W49'): Promise<void> {
  const times = roundTimes(DEFAULT_SCHEDULE, DEFAULT_TIME_ZONE, weekKey);
  const tag = user.userId.replace(/\W/g, '').toLowerCase();
  for (let i = 1; i <= n; i++) {
    const mission = await store.missions.insert(
      {
        id: `msn_crowded_${tag}_${i}`,
        home: { platform: user.platform, workspaceId: user.workspaceId },
        slug: `${tag}-mission-${String(i).padStart(2, '0')}`,
        statement: `By 2030, ${'every household in the ward lives in a warm, dry and affordable home, '.repeat(4)}`.slice(0, 280),
        timeZone: DEFAULT_TIME_ZONE,
        schedule: { ...DEFAULT_SCHEDULE },
        questions: DEFAULT_QUESTIONS,
        createdBy: user,
      },
      at,
    );
    const { added } = await store.members.insertNew(
      mission.id,
      [{ user, displayName: 'Max', organisation: 'Everywhere Council', role: 'admin' }],
      at,
    );
    const round = roundId(mission.id, weekKey);
    await store.rounds.insert({
      id: round,
      missionId: mission.id,
      weekKey,
      status: 'open',
      ...times,
      questions: DEFAULT_QUESTIONS,
      asked: [added[0].id],
      away: [],
    });
    await store.blockers.insert(
      {
        id: `blocker:crowded-${tag}-${i}`,
        missionId: mission.id,
        ownerMemberId: added[0].id,
        ownerName: 'Max',
        ownerUser: user,
        text: `@here <!channel> <at>everyone</at> ${'The landlord has not answered our letters since the summer. '.repeat(60)}`.slice(
          0,
          3000,
        ),
        severity: 'high',
        status: 'open',
        source: 'command',
        checkinId: checkinId(round, added[0].id),
        firstWeek: weekKey,
        firstSeenAt: at,
      },
      at,
    );
  }
}
