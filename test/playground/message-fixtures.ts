import { commandHelp, helpEntries } from '../../src/commands';
import type { Checkin, CheckinRound } from '../../src/domain/checkin';
import { membersByOrganisation, type Member, type Mission } from '../../src/domain/mission';
import { DEFAULT_QUESTIONS } from '../../src/domain/questions';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule';
import {
  checkinForm,
  chooseMissionMessage,
  confirmationMessage,
  noticeMessage,
  promptMessage,
  roundClosedMessage,
  roundOpenedMessage,
  skippedMessage,
} from '../../src/messages/checkin-messages';
import { commandErrorMessage, commandHelpMessage, helpMessage } from '../../src/messages/help-messages';
import {
  channelSetMessage,
  errorMessage,
  memberRemovedMessage,
  membersAddedMessage,
  missionCreatedMessage,
  missionDetailsMessage,
  missionListMessage,
} from '../../src/messages/mission-messages';
import type { Form, Message } from '../../src/messages/model';
import { questionsForm } from '../../src/messages/questions-messages';

/** One fixture of every message and form the bot sends today, with realistic content. */

const at = new Date('2026-11-20T10:00:00Z');

export const MISSION: Mission = {
  id: 'msn_fixture',
  home: { platform: 'slack', workspaceId: 'T0MISSION' },
  workspaceKeys: ['slack:T0MISSION'],
  slug: 'ladywood-jobs',
  statement: 'By 2030, no young person in Ladywood is long-term unemployed',
  targetDate: '2030-12-31',
  place: 'Ladywood, Birmingham',
  timeZone: 'Europe/London',
  digestChannel: { platform: 'slack', workspaceId: 'T0MISSION', conversationId: 'C0MISSION', kind: 'channel' },
  schedule: { ...DEFAULT_SCHEDULE },
  questions: DEFAULT_QUESTIONS,
  createdBy: { platform: 'slack', workspaceId: 'T0MISSION', userId: 'U0AMIRA' },
  createdAt: at,
  updatedAt: at,
};

const member = (userId: string, displayName: string, organisation: string, role: Member['role']): Member => ({
  id: `${MISSION.id}:slack:T0MISSION:${userId}`,
  missionId: MISSION.id,
  platform: 'slack',
  workspaceId: 'T0MISSION',
  userId,
  displayName,
  organisation,
  role,
  joinedAt: at,
});

export const MEMBERS: Member[] = [
  member('U0AMIRA', 'Amira Haddad', 'Birmingham City Council', 'admin'),
  member('U0TOM', 'Tom Reilly', 'Ladywood Health Partnership', 'lead'),
  member('U0GRACE', 'Dr Grace Mensah', 'Midlands Civic University', 'member'),
];

export const ROUND: CheckinRound = {
  id: `round:${MISSION.id}:2026-W48`,
  missionId: MISSION.id,
  weekKey: '2026-W48',
  status: 'open',
  opensAt: new Date('2026-11-27T10:00:00Z'),
  remindAt: new Date('2026-11-28T10:00:00Z'),
  closesAt: new Date('2026-11-30T10:00:00Z'),
  questions: DEFAULT_QUESTIONS,
  asked: MEMBERS.map((m) => m.id),
  away: [],
};

const ANSWERS = {
  moved: 'Two young people started placements at the Ladywood Co-op & the hospital.',
  next: 'Plan the summer programme with the youth panel.',
  blocker: 'Data-sharing agreement still unsigned',
  blocker_severity: 'high',
  blocker_help: 'Council information governance team',
  confidence: '4',
  story: 'A young man we met in week 2 starts an apprenticeship on Monday.',
};

export const CHECKIN: Checkin = {
  id: `checkin:${ROUND.id}:${MEMBERS[1].id}`,
  roundId: ROUND.id,
  missionId: MISSION.id,
  memberId: MEMBERS[1].id,
  userKey: 'slack:T0MISSION:U0TOM',
  status: 'answered',
  answers: ANSWERS,
  late: false,
  submittedAt: at,
  history: [{ answers: { ...ANSWERS, confidence: '3' }, at }],
};

const OTHER_MISSION: Mission = {
  ...MISSION,
  id: 'msn_other',
  slug: 'warm-homes',
  statement: 'By 2030, every Ladywood family has a warm, dry home',
};

export const MESSAGES: Array<[string, Message]> = [
  ['mission created (with digest channel)', missionCreatedMessage(MISSION, 'mission')],
  ['mission created (in a DM)', missionCreatedMessage({ ...MISSION, digestChannel: undefined }, '/mission')],
  [
    'mission list',
    missionListMessage(
      [
        { mission: MISSION, role: 'admin' },
        { mission: OTHER_MISSION, role: 'member' },
      ],
      '/mission',
    ),
  ],
  ['mission list (empty)', missionListMessage([], 'mission')],
  ['mission details', missionDetailsMessage(MISSION, membersByOrganisation(MEMBERS), MEMBERS.length)],
  ['members added', membersAddedMessage({ mission: MISSION, added: MEMBERS.slice(1), updated: [MEMBERS[0]], unchanged: [] })],
  ['member removed', memberRemovedMessage(MISSION, MEMBERS[2])],
  ['channel set', channelSetMessage(MISSION, 'alerts')],
  ['error', errorMessage('No such mission: "ladywood-job".', 'mission show <slug>')],
  ['help', helpMessage(helpEntries())],
  ['command help', commandHelpMessage(commandHelp('mission', 'create') ?? 'mission create')],
  [
    'command error',
    commandErrorMessage({
      message: 'Unknown command "crate".',
      suggestion: 'Did you mean `mission create`?',
      usage: 'mission create "<statement>"',
    }),
  ],
  ['check-in prompt', promptMessage(MISSION, ROUND)],
  ['check-in reminder', promptMessage(MISSION, ROUND, true)],
  ['check-in confirmation', confirmationMessage(MISSION, ROUND, CHECKIN, true)],
  ['check-in skipped', skippedMessage(MISSION, ROUND)],
  [
    'choose a mission',
    chooseMissionMessage([
      { mission: MISSION, round: ROUND },
      { mission: OTHER_MISSION, round: { ...ROUND, missionId: OTHER_MISSION.id } },
    ]),
  ],
  ['round opened', roundOpenedMessage(MISSION, ROUND, 3, 1)],
  ['round closed', roundClosedMessage(MISSION, { ...ROUND, status: 'closed' }, 2, 3)],
  ['notice', noticeMessage('Check-ins for ladywood-jobs are already running.')],
];

export const FORMS: Array<[string, Form]> = [
  ['check-in form', checkinForm(MISSION, ROUND)],
  ['check-in form (editing)', checkinForm(MISSION, ROUND, ANSWERS)],
  ['questions form', questionsForm(MISSION)],
];
