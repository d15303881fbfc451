import { MAX_INDICATORS_PER_MISSION } from '../domain/indicator-rules';
import { canLead, type Member } from '../domain/mission';
import { namesOf } from './mission-texts';

/** What the indicator service refuses with, in words (thrown, and shown by `safely`). */
export const indicatorText = {
  keyTaken: (slug: string, key: string): string =>
    `${slug} already has an indicator with key ${key}. Change it with \`mission indicator ${slug} edit key=${key} ...\`, or choose another key.`,
  tooMany: (slug: string): string =>
    `${slug} already has ${MAX_INDICATORS_PER_MISSION} indicators, the most a mission can have. Remove one first with \`mission indicator ${slug} remove key=<key>\`.`,
  noDirection: 'The target equals the baseline, so say which way is better: direction=down or direction=up.',
  goneNow: (slug: string, key: string): string => `${slug} has no indicator with key ${key} any more.`,
  noSuchKey: (slug: string, key: string): string =>
    `${slug} has no indicator with key ${key}. Type \`mission indicators ${slug}\` to see them.`,
  leadsRecord: (slug: string, members: Member[]): string =>
    `Only the admins and leads of "${slug}" can record readings. Ask ${namesOf(members.filter((m) => canLead(m.role)))}.`,
  futureDate: (today: string, zone: string): string =>
    `date cannot be in the future: a reading is something already measured (today is ${today} in ${zone}).`,
  ownerNotOnMission: (who: string | undefined, slug: string): string =>
    `${who ?? 'That person'} is not on ${slug}, so they cannot own an indicator. Add them first with \`mission add ${slug} @person\`.`,
};
