import { describe, expect, it } from 'vitest';
import { mergeMine } from '../../lib/forms.ts';
import { toApiFields, toFormValues } from './form.ts';

const record = {
  trackId: null,
  title: 'Fortieth ratification',
  description: '',
  startDate: null,
  dueDate: '2027-09-16',
  status: 'in_progress' as const,
  progress: 20,
  ownerPartnerId: null,
  responsibleUserId: null,
  completedOn: null,
  estimateOptimistic: null,
  estimateLikely: null,
  estimatePessimistic: null,
  thresholdAct: null,
  threshold: null,
};

describe('the milestone form after a conflict', () => {
  it('takes the fields it left alone from the other person’s record, mapped into the form’s shape as the editor does', () => {
    const mine = { ...toFormValues(record), description: 'Mine' };
    // The other person made it a threshold milestone; this user changed only the description.
    const theirs = { ...record, title: 'Their title', thresholdAct: 'ratified' as const, threshold: 40, version: 3 };
    const merged = mergeMine(mine, toFormValues(theirs), { description: true });
    expect(toApiFields(merged)).toMatchObject({ title: 'Their title', description: 'Mine', thresholdAct: 'ratified', threshold: 40, trackId: null, estimateLikely: null });
    // …and a record without a threshold leaves none.
    expect(toApiFields(mergeMine(mine, toFormValues({ ...record }), { description: true }))).toMatchObject({ thresholdAct: null, threshold: null });
  });
});
