/** Policy dialogue log: an interaction with a partner (router inputs and the form). */
import { z } from 'zod';
import { INTERACTION_KINDS, POSITIONS } from '../enums.ts';
import { zDate, zId, zLimit, zLine, zText, zVersion } from '../validators.ts';

export const MAX_OUR_PEOPLE = 20;

export const interactionFields = {
  kind: z.enum(INTERACTION_KINDS, { error: 'Choose how you met' }),
  occurredOn: zDate,
  /** Members of the coalition who were there. */
  ourPeople: z.array(zId).max(MAX_OUR_PEOPLE, `At most ${MAX_OUR_PEOPLE} people`),
  /** Their people, as written (names and roles). */
  theirPeople: zLine(300),
  summary: zText(5000),
  ask: zText(2000),
  outcome: zText(2000),
  /** What happens next; with a due date and a responsible member, it lands in that member's inbox. */
  nextStep: zLine(300),
  nextStepDue: zDate.nullable(),
  nextStepUserId: zId.nullable(),
  /** The day the next step was done; null while it is open. */
  nextStepDoneOn: zDate.nullable(),
};

export const zInteraction = z.object(interactionFields);
export type InteractionFields = z.output<typeof zInteraction>;

/** A next step's due date or responsible member needs the step itself. */
export function nextStepProblem(f: Pick<InteractionFields, 'nextStep' | 'nextStepDue' | 'nextStepUserId'>): string | null {
  if (f.nextStep.trim() === '' && (f.nextStepDue !== null || f.nextStepUserId !== null)) return 'Describe the next step, or clear its due date and responsible member';
  return null;
}

const withNextStepRule = <T extends z.ZodType<Partial<InteractionFields>>>(schema: T) =>
  schema.superRefine((v, ctx) => {
    if (v.nextStep === undefined || v.nextStepDue === undefined || v.nextStepUserId === undefined) return;
    const problem = nextStepProblem({ nextStep: v.nextStep, nextStepDue: v.nextStepDue, nextStepUserId: v.nextStepUserId });
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['nextStep'] });
  });

export const INTERACTION_DEFAULTS: Omit<InteractionFields, 'occurredOn'> = {
  kind: 'meeting',
  ourPeople: [],
  theirPeople: '',
  summary: '',
  ask: '',
  outcome: '',
  nextStep: '',
  nextStepDue: null,
  nextStepUserId: null,
  nextStepDoneOn: null,
};

export const zInteractionCreate = withNextStepRule(
  z.object({
    partnerId: zId,
    kind: interactionFields.kind,
    occurredOn: interactionFields.occurredOn,
    ourPeople: interactionFields.ourPeople.default([]),
    theirPeople: interactionFields.theirPeople.default(''),
    summary: interactionFields.summary.default(''),
    ask: interactionFields.ask.default(''),
    outcome: interactionFields.outcome.default(''),
    nextStep: interactionFields.nextStep.default(''),
    nextStepDue: interactionFields.nextStepDue.default(null),
    nextStepUserId: interactionFields.nextStepUserId.default(null),
    nextStepDoneOn: interactionFields.nextStepDoneOn.default(null),
    /**
     * The partner's position on the goal as this interaction showed it: recorded as a position
     * change on its day, linked to it, in the same transaction. Null: none recorded.
     */
    position: z.enum(POSITIONS, { error: 'Choose a position' }).nullable().default(null),
  }),
);

export const zInteractionUpdate = zInteraction.partial().extend({ interactionId: zId, version: zVersion });

/** A partner's interactions, newest first, in keyset pages. */
export const zInteractionListQuery = z.object({
  partnerId: zId,
  cursor: z.object({ occurredOn: zDate, id: zId }).optional(),
  limit: zLimit(50, 200),
});
