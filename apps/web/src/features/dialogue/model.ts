/** The interaction form: the domain's fields with the form's sentinels ('' for no date, NOBODY for no member). */
import { z } from 'zod';
import { INTERACTION_DEFAULTS, nextStepProblem, zDate, zInteraction, type InteractionFields } from '@coalition/domain';
import type { RouterOutputs } from '../../lib/trpc.ts';

export type InteractionRow = RouterOutputs['interaction']['list']['items'][number];

export const NOBODY = 'nobody';
const zMaybeDate = z.union([z.literal(''), zDate]);

export const interactionSchema = zInteraction
  .extend({ nextStepDue: zMaybeDate, nextStepUserId: z.string().min(1), nextStepDoneOn: zMaybeDate })
  .superRefine((v, ctx) => {
    const problem = nextStepProblem(toPayload(v));
    if (problem) ctx.addIssue({ code: 'custom', path: ['nextStep'], message: problem });
  });
export type InteractionFormValues = z.input<typeof interactionSchema>;

export function toPayload(v: InteractionFormValues): InteractionFields {
  return {
    ...v,
    nextStepDue: v.nextStepDue || null,
    nextStepUserId: v.nextStepUserId === NOBODY ? null : v.nextStepUserId,
    nextStepDoneOn: v.nextStepDoneOn || null,
  };
}

export function toFormValues(row: InteractionRow | null, today: string): InteractionFormValues {
  const f = row ?? { ...INTERACTION_DEFAULTS, occurredOn: today };
  return {
    kind: f.kind,
    occurredOn: f.occurredOn,
    ourPeople: [...f.ourPeople],
    theirPeople: f.theirPeople,
    summary: f.summary,
    ask: f.ask,
    outcome: f.outcome,
    nextStep: f.nextStep,
    nextStepDue: f.nextStepDue ?? '',
    nextStepUserId: f.nextStepUserId ?? NOBODY,
    nextStepDoneOn: f.nextStepDoneOn ?? '',
  };
}
