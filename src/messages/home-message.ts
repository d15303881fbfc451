import { DateTime } from 'luxon';
import type { IndicatorStatus } from '../domain/indicator';
import { STATUS_LABELS } from '../domain/indicator-status';
import type { Role } from '../domain/mission';
import type { BlockerSeverity } from '../domain/questions';
import { ACTION_OPEN, noticeMessage } from './checkin-messages';
import { percent, weekLabel } from './digest-format';
import { excerpt } from './member-text';
import type { Block, Message, RichText } from './model';

/**
 * A person's overview: their missions, the check-ins waiting for them, their open blockers and,
 * where they lead, each mission's health. Shown as the Slack App Home and as a Teams card. Every
 * section is capped ("and N more"), so it stays far inside Block Kit's 100 blocks for a Home tab
 * (and 50 for a message) and Teams' card size, however many missions the person is in.
 */

export const ACTION_HOME_REFRESH = 'home.refresh';

/** Caps per section; the counts beyond them are said as "and N more". */
export const HOME_LIMITS = {
  checkins: 5,
  missions: 20,
  blockers: 10,
  health: 8,
  statement: 120,
  blockerText: 200,
} as const;

export interface HomeMission {
  slug: string;
  statement: string;
  role: Role;
  /** This week's check-in: open and waiting, answered, skipped, or no round open. */
  checkin: 'waiting' | 'answered' | 'skipped' | 'none';
}

export interface HomeCheckin {
  slug: string;
  statement: string;
  roundId: string;
  weekKey: string;
  closesAt: Date;
  timeZone: string;
}

export interface HomeBlocker {
  slug: string;
  text: string;
  severity: BlockerSeverity;
  ageWeeks: number;
  helpers: number;
}

export interface HomeHealth {
  slug: string;
  /** The last closed round: answered of asked (away people are not asked). */
  lastRound?: { weekKey: string; answered: number; asked: number; away: number };
  /** How many indicators are in each status. */
  indicators: Partial<Record<IndicatorStatus, number>>;
  openBlockers: number;
}

export interface HomeOverview {
  updatedAt: Date;
  timeZone: string;
  missions: HomeMission[];
  checkins: HomeCheckin[];
  blockers: HomeBlocker[];
  health: HomeHealth[];
  /** Missions the person leads whose health was not looked up (past the cap). */
  healthMore: number;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const ROLE_LABELS: Record<Role, string> = { admin: 'admin', lead: 'lead', member: 'member' };
const CHECKIN_LABELS: Record<HomeMission['checkin'], string> = {
  waiting: 'check-in waiting for you',
  answered: 'checked in this week',
  skipped: 'skipped this week',
  none: 'no check-in open',
};
const STATUS_ORDER: IndicatorStatus[] = ['on-track', 'at-risk', 'off-track', 'no-data'];

function when(d: Date, zone: string): string {
  return DateTime.fromJSDate(d, { zone }).toFormat('ccc d LLL, HH:mm');
}

function checkinBlocks(o: HomeOverview): Block[] {
  if (o.checkins.length === 0) {
    return [
      {
        kind: 'text',
        text: [{ bold: 'Check-ins' }, '\nNothing is waiting for you: you will get a direct message when the next check-in opens.'],
      },
    ];
  }
  const shown = o.checkins.slice(0, HOME_LIMITS.checkins);
  const blocks: Block[] = [{ kind: 'text', text: [{ bold: `Check-ins waiting for you (${o.checkins.length})` }] }];
  for (const c of shown) {
    blocks.push(
      {
        kind: 'text',
        text: [
          { bold: c.slug },
          ` — ${excerpt(c.statement, HOME_LIMITS.statement)}\n${weekLabel(c.weekKey)} · closes ${when(c.closesAt, c.timeZone)}`,
        ],
      },
      { kind: 'actions', buttons: [{ actionId: ACTION_OPEN, label: 'Answer check-in', value: c.roundId, style: 'primary' }] },
    );
  }
  const more = o.checkins.length - shown.length;
  if (more > 0) blocks.push({ kind: 'context', text: [`and ${more} more: type \`checkin <mission>\` to answer one of them.`] });
  return blocks;
}

function missionItem(m: HomeMission): RichText {
  return [{ bold: m.slug }, ` (${ROLE_LABELS[m.role]}) — ${excerpt(m.statement, HOME_LIMITS.statement)} · ${CHECKIN_LABELS[m.checkin]}`];
}

function blockerItem(b: HomeBlocker): RichText {
  const age = b.ageWeeks < 1 ? 'raised this week' : `open ${plural(b.ageWeeks, 'week')}`;
  const help = b.helpers > 0 ? ` · ${plural(b.helpers, 'offer')} of help` : '';
  return [{ bold: b.slug }, `: ${excerpt(b.text, HOME_LIMITS.blockerText)} · ${b.severity} · ${age}${help}`];
}

function indicatorSummary(counts: HomeHealth['indicators']): string {
  const parts = STATUS_ORDER.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${counts[s]} ${STATUS_LABELS[s]}`);
  return parts.length > 0 ? `indicators: ${parts.join(', ')}` : 'no indicators';
}

function healthItem(h: HomeHealth): RichText {
  const last = h.lastRound
    ? `last check-in (${weekLabel(h.lastRound.weekKey)}): ${h.lastRound.answered} of ${h.lastRound.asked} answered${h.lastRound.asked > 0 ? ` (${percent(h.lastRound.answered / h.lastRound.asked)})` : ''}${h.lastRound.away > 0 ? `, ${h.lastRound.away} away` : ''}`
    : 'no check-in has closed yet';
  return [{ bold: h.slug }, ` — ${last} · ${indicatorSummary(h.indicators)} · ${plural(h.openBlockers, 'open blocker')}`];
}

/** The overview as one message: also the content of the Slack App Home. */
export function homeMessage(o: HomeOverview): Message {
  const refresh: Block = { kind: 'actions', buttons: [{ actionId: ACTION_HOME_REFRESH, label: 'Refresh', value: 'home' }] };
  const updated: Block = { kind: 'context', text: [`Updated ${when(o.updatedAt, o.timeZone)}`] };
  if (o.missions.length === 0) {
    return {
      summary: 'Mission Pulse: you are not on any mission yet',
      blocks: [
        { kind: 'header', text: 'Mission Pulse' },
        {
          kind: 'text',
          text: [
            "You're not on any mission yet. A mission's admin can add you with `mission add`, or start one with `mission create`. Type `mission help` to see every command.",
          ],
        },
        updated,
        refresh,
      ],
    };
  }
  const waiting = o.checkins.length;
  const blocks: Block[] = [{ kind: 'header', text: 'Your missions' }, updated, ...checkinBlocks(o), { kind: 'divider' }];

  const missions = o.missions.slice(0, HOME_LIMITS.missions);
  blocks.push({
    kind: 'list',
    title: `Missions you're on (${o.missions.length})`,
    items: missions.map(missionItem),
    more: o.missions.length - missions.length,
  });

  blocks.push({ kind: 'divider' });
  if (o.blockers.length === 0) {
    blocks.push({ kind: 'text', text: [{ bold: 'Your open blockers' }, '\nNone. Raise one with `blocker <mission> "what blocks you"`.'] });
  } else {
    const shown = o.blockers.slice(0, HOME_LIMITS.blockers);
    blocks.push({
      kind: 'list',
      title: `Your open blockers (${o.blockers.length})`,
      items: shown.map(blockerItem),
      more: o.blockers.length - shown.length,
    });
  }

  if (o.health.length > 0) {
    const shown = o.health.slice(0, HOME_LIMITS.health);
    blocks.push(
      { kind: 'divider' },
      {
        kind: 'list',
        title: 'Health of the missions you lead',
        items: shown.map(healthItem),
        more: o.health.length - shown.length + o.healthMore,
      },
    );
  }
  blocks.push(refresh);

  const summary = `Mission Pulse: ${plural(o.missions.length, 'mission')}, ${plural(waiting, 'check-in')} waiting, ${plural(o.blockers.length, 'open blocker')}`;
  return { summary, blocks };
}

/** `home` typed where others could read the answer: the overview went to a direct message. */
export function overviewSentMessage(): Message {
  return noticeMessage('I sent your overview to our personal chat, where only you can see it.');
}
