import type { Blocker } from '../domain/blocker';
import type { Checkin, CheckinRound } from '../domain/checkin';
import type { Member, Mission } from '../domain/mission';
import { RESOLVED, STILL_BLOCKING, STILL_BLOCKING_ERROR, stillBlockingInput } from '../messages/checkin-extra-inputs';
import type { FormInput } from '../messages/model';
import { shortHash } from './blocker-alerts';
import type { BlockerService } from './blocker-service';
import type { CheckinExtension } from './checkin-extension';

export const BLOCKER_INPUT_PREFIX = 'blk_';
/** A form stays short: the oldest open blockers are asked about first. */
export const MAX_BLOCKERS_ASKED = 5;

/** The form input id for one blocker: short, stable, free of characters platforms dislike. */
export function blockerInputId(blockerId: string): string {
  return `${BLOCKER_INPUT_PREFIX}${shortHash(blockerId, 10).replace(/[^A-Za-z0-9]/g, 'x')}`;
}

const question = (b: Blocker): FormInput => stillBlockingInput(blockerInputId(b.id), b);

/**
 * Check-ins and blockers: the blocker answer becomes a blocker record (after each submit or
 * edit), and every later check-in asks its owner whether each open blocker is still blocking.
 */
export class BlockerCheckinExtension implements CheckinExtension {
  readonly prefix = BLOCKER_INPUT_PREFIX;

  constructor(private readonly blockers: BlockerService) {}

  /** Blockers raised before the round opened: the one this check-in raises is not asked about. */
  private async asked(mission: Mission, round: CheckinRound, members: Member[]): Promise<Map<string, Blocker[]>> {
    const open = await this.blockers.openFor(mission.id, members, round.opensAt);
    for (const [id, list] of open) open.set(id, list.slice(0, MAX_BLOCKERS_ASKED));
    return open;
  }

  async inputsFor(mission: Mission, round: CheckinRound, members: Member[]): Promise<Map<string, FormInput[]>> {
    const out = new Map<string, FormInput[]>();
    for (const [memberId, list] of await this.asked(mission, round, members)) out.set(memberId, list.map(question));
    return out;
  }

  async validate(mission: Mission, round: CheckinRound, member: Member, values: Record<string, string>): Promise<Record<string, string>> {
    const errors: Record<string, string> = {};
    for (const b of (await this.asked(mission, round, [member])).get(member.id) ?? []) {
      const id = blockerInputId(b.id);
      const value = (values[id] ?? '').trim();
      if (value !== '' && value !== STILL_BLOCKING && value !== RESOLVED) errors[id] = STILL_BLOCKING_ERROR;
    }
    return errors;
  }

  async afterSubmit(
    mission: Mission,
    round: CheckinRound,
    member: Member,
    checkin: Checkin,
    values: Record<string, string>,
  ): Promise<void> {
    // Answers about blockers the form no longer shows (resolved meanwhile) are simply ignored.
    for (const b of (await this.asked(mission, round, [member])).get(member.id) ?? []) {
      if ((values[blockerInputId(b.id)] ?? '').trim() === RESOLVED) await this.blockers.resolveFromCheckin(mission, member, b.id);
    }
    await this.blockers.recordFromCheckin(mission, round, member, checkin);
  }
}
