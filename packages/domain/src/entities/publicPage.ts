/**
 * The public page: what a coalition shows, read-only, to anyone holding its secret link. This
 * schema is the allow-list: the server builds the answer field by field from it and parses it
 * through it on the way out (unknown keys are dropped), so nothing private can ride along.
 * Never here: comments, contacts, notes, members, emails, user ids, internal ids, activity,
 * bottlenecks, interactions, or the position of a partner the owner has not marked public.
 */
import { z } from 'zod';
import { PARTNER_KINDS, POSITIONS } from '../enums.ts';

/** How many reached (most recent first) and next (soonest first) milestones the page lists. */
export const PUBLIC_PAGE_MILESTONES = 6;

const zDay = z.string();

export const zPublicMilestone = z.object({
  title: z.string(),
  /** Reached: the day it was completed; next: its due date. */
  date: zDay,
  /** Its track's name; null for a coalition-wide milestone. */
  track: z.string().nullable(),
});

export const zPublicPage = z.object({
  coalition: z.object({ name: z.string(), goal: z.string(), goalDate: zDay }),
  /** The coalition's calendar date now (its time zone): what the countdown counts from. */
  today: zDay,
  daysToGoal: z.number().int(),
  progress: z.object({
    /** The coalition's roll-up, whole percent (the dashboard's figure). */
    overall: z.number(),
    reached: z.number().int(),
    total: z.number().int(),
    tracks: z.array(z.object({ name: z.string(), color: z.string(), progress: z.number() })),
  }),
  milestones: z.object({ reached: z.array(zPublicMilestone), next: z.array(zPublicMilestone) }),
  /** The dashboard's momentum series: counts only. */
  momentum: z.array(
    z.object({
      week: zDay,
      milestonesCompleted: z.number().int(),
      partnersCommitted: z.number().int(),
      cumulativeMilestones: z.number().int(),
      cumulativePartners: z.number().int(),
    }),
  ),
  /** Champion + supportive partners per week, state and non-state: counts only, no names. */
  supportGrowth: z.array(z.object({ week: zDay, state: z.number().int(), nonState: z.number().int() })),
  /** Only partners whose position the owner marked public; their goal-level position today. */
  partners: z.array(z.object({ name: z.string(), kind: z.enum(PARTNER_KINDS), country: z.string(), position: z.enum(POSITIONS) })),
});

export type PublicPage = z.output<typeof zPublicPage>;
export type PublicMilestone = z.output<typeof zPublicMilestone>;
