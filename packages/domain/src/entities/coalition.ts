/** The coalition (workspace) fields: router inputs and the settings / new-coalition forms. */
import { z } from 'zod';
import { zDate, zName, zText, zTimeZone, zVersion } from '../validators.ts';

export const coalitionFields = {
  name: zName(200),
  goal: zName(500),
  goalDate: zDate,
  description: zText(5000),
  /** IANA zone whose calendar decides "today" for this coalition (countdown, overdue, due soon). */
  timeZone: zTimeZone,
};

/** Every field, as the settings form edits them. */
export const zCoalition = z.object(coalitionFields);

export const zCoalitionCreate = z.object({
  ...coalitionFields,
  description: coalitionFields.description.default(''),
  timeZone: coalitionFields.timeZone.default('UTC'),
});

export const zCoalitionUpdate = zCoalition.partial().extend({ version: zVersion });

/** The built-in templates a coalition can start from (their content lives with the server). */
export const TEMPLATE_IDS = ['world-summit-2020', 'ottawa-landmines', 'rome-statute'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
