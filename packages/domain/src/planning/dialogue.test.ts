import { describe, expect, it } from 'vitest';
import { dialogueCoverage, HIGH_INFLUENCE, type CoveragePartner, type OpenNextStep } from './dialogue.ts';
import { nextStepProblem, zInteractionCreate } from '../entities/interaction.ts';

const TODAY = '2026-06-30';
const p = (id: string, influence: number): CoveragePartner => ({ id, name: id.toUpperCase(), influence, relationshipOwnerId: null });

describe('dialogueCoverage', () => {
  it('puts each high-influence partner in one band by days since the last interaction', () => {
    const partners = [p('a', 5), p('b', 4), p('c', 4), p('d', 5), p('e', 5), p('low', HIGH_INFLUENCE - 1)];
    const last = new Map([
      ['a', '2026-06-20'], // 10 days
      ['b', '2026-05-30'], // 31 days
      ['c', '2026-04-30'], // 61 days
      ['d', '2026-03-01'], // 121 days
      ['low', '2020-01-01'],
    ]);
    const c = dialogueCoverage(partners, last, [], TODAY);
    expect(c.highInfluence).toBe(5);
    expect(c.bands).toEqual({ within30: 1, over30: 1, over60: 1, over90: 1, never: 1 });
    // Never first, then the longest silence; the low-influence partner is not watched.
    expect(c.stale.map((s) => [s.id, s.daysSince])).toEqual([
      ['e', null],
      ['d', 121],
      ['c', 61],
      ['b', 31],
    ]);
  });

  it('lists next steps past their due date, most overdue first', () => {
    const step = (id: string, due: string): OpenNextStep => ({ interactionId: id, partnerId: 'a', partnerName: 'A', nextStep: `Step ${id}`, nextStepDue: due, nextStepUserId: null });
    const c = dialogueCoverage([], new Map(), [step('1', '2026-06-29'), step('2', '2026-06-30'), step('3', '2026-06-01')], TODAY);
    expect(c.overdueNextSteps.map((s) => [s.interactionId, s.daysOverdue])).toEqual([
      ['3', 29],
      ['1', 1],
    ]);
    expect(c.overdueTotal).toBe(2);
  });
});

describe('interaction input', () => {
  it('needs the next step itself before a due date or a responsible member', () => {
    expect(nextStepProblem({ nextStep: '', nextStepDue: '2026-07-01', nextStepUserId: null })).toMatch(/Describe the next step/);
    expect(nextStepProblem({ nextStep: 'Send the paper', nextStepDue: '2026-07-01', nextStepUserId: null })).toBeNull();
    const parsed = zInteractionCreate.safeParse({ partnerId: 'aaaaaaaaaaaaaaaaaaaa', kind: 'call', occurredOn: '2026-06-01', nextStepDue: '2026-07-01' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['nextStep']);
    expect(zInteractionCreate.parse({ partnerId: 'aaaaaaaaaaaaaaaaaaaa', kind: 'side_event', occurredOn: '2026-06-01' })).toMatchObject({ ourPeople: [], nextStep: '', nextStepDue: null });
  });
});
