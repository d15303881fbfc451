import { z } from 'zod';
import { slugArg } from './argument-schemas';
import { defineCommand } from './define-command';
import { validate } from './validate';

/** UK GDPR controls: a person's own data, erasure, a mission's retention and its audit log. */

export const checkinMyData = defineCommand({
  word: 'checkin',
  name: 'my-data',
  usage: 'checkin my-data',
  summary: 'Get everything Mission Pulse stores about you, as a file',
  example: 'checkin my-data',
  parse: () => ({}),
});

export const checkinForgetMe = defineCommand({
  word: 'checkin',
  name: 'forget-me',
  usage: 'checkin forget-me',
  summary: 'Erase your personal data (asks you to confirm first)',
  example: 'checkin forget-me',
  parse: () => ({}),
});

const whole = (name: string, min: number, max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${name} is required, like ${name}=24` : `${name} must be a whole number`) })
    .regex(/^\d+$/, { error: `${name} must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `${name} must be a whole number from ${min} to ${max}` });

export const missionRetention = defineCommand({
  word: 'mission',
  name: 'retention',
  usage: 'mission retention <slug> months=<n>',
  summary: 'Delete check-in answers older than n months (counts and averages are kept)',
  example: 'mission retention ladywood-jobs months=24',
  options: ['months'],
  positionals: 1,
  parse: (args) =>
    validate(z.object({ slug: slugArg(), months: whole('months', 1, 120) }), { slug: args.positionals[0], months: args.options.months }),
});

export const missionAudit = defineCommand({
  word: 'mission',
  name: 'audit',
  usage: 'mission audit <slug> [limit=<n>]',
  summary: 'Who changed what in a mission, and when (admins)',
  example: 'mission audit ladywood-jobs limit=20',
  options: ['limit'],
  positionals: 1,
  parse: (args) =>
    validate(z.object({ slug: slugArg(), limit: whole('limit', 1, 100).optional() }), {
      slug: args.positionals[0],
      limit: args.options.limit,
    }),
});

export const privacyCommands = [checkinMyData, checkinForgetMe, missionRetention, missionAudit] as const;
