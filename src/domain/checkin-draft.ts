/**
 * A check-in in progress, shared by the form and the conversation: the form is prefilled from it,
 * replies add to it, and a submission (from either) clears it.
 */

/**
 * Messages from one person closer together than this are one answer typed in several parts
 * (phones send on Enter; people split long thoughts). Measured between consecutive messages,
 * so three parts two seconds apart are still one answer.
 */
export const JOIN_WINDOW_MS = 4000;

/** The position after the last question: the member is shown their answers and asked to send. */
export const REVIEW = '@review';

/** How many applied message ids a draft remembers, to ignore a redelivered one. */
export const RECENT_MESSAGES = 20;

export interface CheckinDraft {
  /** The same id as the check-in it becomes: `checkin:<roundId>:<memberId>`. */
  id: string;
  roundId: string;
  missionId: string;
  memberId: string;
  userKey: string;
  /** `new`: not yet submitted, unanswered questions come next. `edit`: walks through a submitted check-in. */
  mode: 'new' | 'edit';
  /** `stopped`: put aside with `stop`; `cleared`: submitted (by form or reply), nothing in progress. */
  status: 'active' | 'stopped' | 'cleared';
  /**
   * Answers by question or extension input id. An empty string is an answer left out on
   * purpose (`skip`, "no blockers"), so that question is not asked again.
   */
  answers: Record<string, string>;
  /**
   * The step being asked: a question or input id, REVIEW, or '' for "the first one without an
   * answer". An id rather than an index, because extensions may add or drop inputs between two
   * messages.
   */
  position: string;
  /** When the last answer arrived, and which step it answered: a quick follow-up is added to it. */
  lastMessageAt?: Date;
  lastAnswered?: string;
  /** Message ids already applied, newest last. */
  recent: string[];
  /** The check-in prompt has been turned into "answering by reply" (done once). */
  noted: boolean;
  updatedAt: Date;
}

/** A draft in progress (active or put aside), as opposed to one already sent. */
export function isLive(d: CheckinDraft | undefined): boolean {
  return d !== undefined && d.status !== 'cleared';
}

/** Answers worth showing or prefilling: those with text. */
export function givenAnswers(answers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => v.trim() !== ''));
}
