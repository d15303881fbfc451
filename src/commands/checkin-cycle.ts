import { z } from 'zod';
import { futureDateArg, slugArg } from './argument-schemas';
import { CommandArgumentError } from './command-argument-error';
import { defineCommand } from './define-command';
import { validate } from './validate';

/** Commands of the weekly cycle: the admins' schedule and round controls, the members' `checkin`. */

const slugOnly = z.object({ slug: slugArg() });
const slugCommand = <N extends string>(name: N, summary: string) =>
  defineCommand({
    word: 'mission',
    name,
    usage: `mission ${name} <slug>`,
    summary,
    example: `mission ${name} ladywood-jobs`,
    positionals: 1,
    parse: (args) => validate(slugOnly, { slug: args.positionals[0] }),
  });

export const missionSchedule = defineCommand({
  word: 'mission',
  name: 'schedule',
  usage: 'mission schedule <slug> day=<mon..sun> time=HH:MM [tz=<IANA zone>] [remind=<duration>] [close=<duration>]',
  summary: 'Set when the weekly check-in opens, reminds and closes',
  example: 'mission schedule ladywood-jobs day=fri time=10:00 tz=Europe/London remind=24h close=72h',
  options: ['day', 'time', 'tz', 'remind', 'close'],
  positionals: 1,
  parse: (args) => {
    const { slug } = validate(slugOnly, { slug: args.positionals[0] });
    const o = args.options;
    if (Object.keys(o).length === 0) {
      throw new CommandArgumentError('say what to change, like day=fri time=10:00 (also tz=, remind=, close=)');
    }
    return { slug, day: o.day, time: o.time, tz: o.tz, remind: o.remind, close: o.close };
  },
});

export const missionPause = slugCommand('pause', 'Pause the weekly check-ins');
export const missionResume = slugCommand('resume', 'Resume the weekly check-ins');
export const missionQuestions = slugCommand('questions', 'Edit the check-in questions in a form');
export const missionCheckinNow = slugCommand('checkin-now', "Open this week's check-in now (to try it out)");
export const missionCloseNow = slugCommand('close-now', 'Close the open check-in now');
export const missionDigestNow = slugCommand('digest-now', 'Send the weekly digest now (the open check-in so far, else the latest)');

const optionalSlug = z.object({ slug: slugArg().optional() });

export const checkinOpen = defineCommand({
  word: 'checkin',
  name: 'open',
  usage: 'checkin [<slug>]',
  summary: 'Open your pending check-in form',
  example: 'checkin',
  positionals: 1,
  parse: (args) => validate(optionalSlug, { slug: args.positionals[0] }),
});

export const checkinSkip = defineCommand({
  word: 'checkin',
  name: 'skip',
  usage: 'checkin skip [<slug>]',
  summary: "Skip this week's check-in",
  example: 'checkin skip ladywood-jobs',
  positionals: 1,
  parse: (args) => validate(optionalSlug, { slug: args.positionals[0] }),
});

export const checkinAway = defineCommand({
  word: 'checkin',
  name: 'away',
  usage: 'checkin away until=YYYY-MM-DD',
  summary: 'Pause your check-ins and reminders until a date',
  example: 'checkin away until=2026-12-31',
  options: ['until'],
  parse: (args, ctx) => validate(z.object({ until: futureDateArg('until', ctx.today) }), { until: args.options.until }),
});

export const checkinBack = defineCommand({
  word: 'checkin',
  name: 'back',
  usage: 'checkin back',
  summary: 'End your away time early',
  example: 'checkin back',
  parse: () => ({}),
});

export const checkinCycleCommands = [
  missionSchedule,
  missionPause,
  missionResume,
  missionQuestions,
  missionCheckinNow,
  missionCloseNow,
  missionDigestNow,
  checkinOpen,
  checkinSkip,
  checkinAway,
  checkinBack,
] as const;
