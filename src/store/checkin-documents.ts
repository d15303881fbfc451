import type { Checkin, CheckinEdit } from '../domain/checkin';
import type { Answers } from '../domain/questions';
import type { CheckinDoc } from './models/checkin-model';

/** The stored fields every reader shares; `history` is decoded only by those that need it. */
export function toCheckinWithoutHistory(d: CheckinDoc): Omit<Checkin, 'history'> {
  return {
    id: d._id,
    roundId: d.roundId,
    missionId: d.missionId,
    memberId: d.memberId,
    userKey: d.userKey,
    status: d.status as Checkin['status'],
    answers: JSON.parse(d.answers) as Answers,
    late: d.late,
    submittedAt: d.submittedAt,
    ...(d.editedAt ? { editedAt: d.editedAt } : {}),
  };
}

/** A stored check-in with its edit history. */
export function toCheckin(d: CheckinDoc): Checkin {
  return {
    ...toCheckinWithoutHistory(d),
    history: d.history.map((h) => {
      const e = JSON.parse(h) as { answers: Answers; at: string };
      return { answers: e.answers, at: new Date(e.at) } satisfies CheckinEdit;
    }),
  };
}
