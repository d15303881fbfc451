import { zonedTime } from './zoned-time';

/** What the admins' controls of the weekly cycle say besides their messages: notices and refusals. */
export const cycleText = {
  alreadyInState: (slug: string, paused: boolean): string => `Check-ins for ${slug} are already ${paused ? 'paused' : 'running'}.`,
  /** `schedule` is the schedule in words (`describeSchedule`); the next opening is read in the mission's `zone`. */
  scheduleSet: (slug: string, schedule: string, nextOpen: Date | undefined, zone: string): string => {
    const when = nextOpen ? ` Next check-in opens ${zonedTime(nextOpen, zone)}.` : '';
    return `${slug}: ${schedule}.${when}`;
  },
  alreadyOpen: (slug: string, week: string): string =>
    `A check-in for ${slug} is already open (${week}). Close it first with \`mission close-now ${slug}\`.`,
  alreadyRan: (slug: string, week: string): string =>
    `This week's check-in for ${slug} (${week}) has already run. The next one opens on schedule.`,
  noneOpen: (slug: string): string => `No check-in is open for ${slug}.`,
};
