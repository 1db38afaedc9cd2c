/**
 * The zod building blocks every input uses, on the server (router inputs) and in the browser
 * (forms): every string, number, date and array is bounded, and the messages are the ones a
 * user reads beside the field.
 */
import { z } from 'zod';
import { isIsoDate, isTimeZone } from './dates.ts';
import { ID_PATTERN } from './enums.ts';
import { codePointLength, textProblem } from './text.ts';

export const zId = z.string().regex(ID_PATTERN, 'Not a valid id');
export const zCoalitionId = zId;

/** A calendar date, `YYYY-MM-DD`, that exists, between 1900 and 2200. */
export const zDate = z
  .string()
  .min(1, 'Enter a date')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the format YYYY-MM-DD')
  .refine(isIsoDate, 'Not a real calendar date')
  .refine((s) => s >= '1900-01-01' && s <= '2200-12-31', 'Date must be between 1900 and 2200');

/**
 * A string under the input policy (text.ts): trimmed, refused if it holds a control or
 * bidirectional-override character (line breaks and tabs only when `multiline`), and at most
 * `max` characters counted in code points — as the database's `length()` counts them.
 */
export function zPolicyText(max: number, { multiline = false, required }: { multiline?: boolean; required?: string } = {}) {
  const base = z.string().trim();
  return (required === undefined ? base : base.min(1, required)).superRefine((value, ctx) => {
    const problem = textProblem(value, { multiline });
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
    if (codePointLength(value) > max) {
      ctx.addIssue({ code: 'too_big', origin: 'string', maximum: max, inclusive: true, message: `At most ${max} characters`, input: value });
    }
  });
}

/** A required single-line text: names, titles, the goal. */
export const zName = (max = 200) => zPolicyText(max, { required: 'Required' });
/** An optional single-line text (may be empty): a country, a contact. */
export const zLine = (max = 200) => zPolicyText(max);
/** An optional multi-line text (may be empty): descriptions, objectives, notes, narratives. */
export const zText = (max = 5000) => zPolicyText(max, { multiline: true });
/** Text typed into a search or filter box: single-line, may be empty. */
export const zSearch = (max = 100) => zPolicyText(max);
export const zEmail = zPolicyText(254).toLowerCase().pipe(z.email('Not a valid email address'));
export const zVersion = z.number().int().min(1).max(2_147_483_647);
export const zLimit = (def = 50, max = 200) => z.number().int().min(1).max(max).default(def);
export const zColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1d4ed8');
export const zTimeZone = z.string().trim().refine(isTimeZone, 'Not a known time zone (use a name such as Europe/Geneva)');
export const zSortDir = z.enum(['asc', 'desc']);

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const zPassword = z
  .string()
  .min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters`);

/** What search.query looks through (the command palette's "jump to" groups), in the order shown. */
export const SEARCH_KINDS = ['milestone', 'partner', 'track', 'bottleneck'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_MAX = 100;

/** search.query: a name (or part of one) typed into the command palette; `limit` matches of each kind. */
export const zSearchQuery = z.object({
  coalitionId: zCoalitionId,
  q: zPolicyText(SEARCH_MAX, { required: 'Type part of a name to search for' }),
  limit: z.number().int().min(1).max(20).default(5),
});
export type SearchQuery = z.output<typeof zSearchQuery>;
