import type { Checkin, CheckinRound } from '../domain/checkin';
import type { Member, Mission } from '../domain/mission';
import type { FormInput } from '../messages/model';

/**
 * A feature that adds its own inputs to a member's check-in form (blockers asks "still
 * blocking?", indicators asks the owner for a reading) and handles those answers. Input ids
 * must carry the extension's prefix (`blk_`, `ind_`) so they never clash with questions.
 */
export interface CheckinExtension {
  /** Input ids this extension owns start with this. */
  prefix: string;
  /** Extra inputs for each member, by member id (batched: a round may ask thousands). */
  inputsFor(mission: Mission, round: CheckinRound, members: Member[]): Promise<Map<string, FormInput[]>>;
  /** Errors by input id; any error refuses the whole submission before anything is stored. */
  validate(mission: Mission, round: CheckinRound, member: Member, values: Record<string, string>): Promise<Record<string, string>>;
  /** Called once the check-in is stored (first answer or edit), with the submitted values. */
  afterSubmit(mission: Mission, round: CheckinRound, member: Member, checkin: Checkin, values: Record<string, string>): Promise<void>;
}

/** The extensions' inputs for one member, in registration order. */
export async function extraInputs(
  extensions: CheckinExtension[],
  mission: Mission,
  round: CheckinRound,
  member: Member,
): Promise<FormInput[]> {
  const out: FormInput[] = [];
  for (const ext of extensions) out.push(...((await ext.inputsFor(mission, round, [member])).get(member.id) ?? []));
  return out;
}
