/** The interaction form: the domain's fields with the form's sentinels ('' for no date, NOBODY for no member). */
import { z } from 'zod';
import { INTERACTION_DEFAULTS, nextStepProblem, POSITIONS, zDate, zInteraction, type InteractionFields, type Position } from '@coalition/domain';
import type { RouterOutputs } from '../../lib/trpc.ts';

export type InteractionRow = RouterOutputs['interaction']['list']['items'][number];

export const NOBODY = 'nobody';
/** "Position shown": none recorded with this interaction. */
export const NO_POSITION = 'none';
const zMaybeDate = z.union([z.literal(''), zDate]);

export const interactionSchema = zInteraction
  .extend({ nextStepDue: zMaybeDate, nextStepUserId: z.string().min(1), nextStepDoneOn: zMaybeDate, position: z.union([z.literal(NO_POSITION), z.enum(POSITIONS)]) })
  .superRefine((v, ctx) => {
    const problem = nextStepProblem(toPayload(v));
    if (problem) ctx.addIssue({ code: 'custom', path: ['nextStep'], message: problem });
  });
export type InteractionFormValues = z.input<typeof interactionSchema>;

export function toPayload({ position: _position, ...v }: InteractionFormValues): InteractionFields {
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
    position: NO_POSITION,
  };
}

/** The position the form says the interaction showed, or null. */
export function positionShown(v: Pick<InteractionFormValues, 'position'>): Position | null {
  return v.position === NO_POSITION ? null : v.position;
}
