import { describe, expect, it } from 'vitest';
import { withNewParam } from './newParam.ts';

describe('withNewParam', () => {
  it('asks the screen to open its create form', () => {
    expect(withNewParam('/c/c1/partners')).toBe('/c/c1/partners?new=1');
    expect(withNewParam('/c/c1/partners', { pathname: '/c/c1', search: 'x=1' })).toBe('/c/c1/partners?new=1');
  });

  it('keeps the filters of the screen one is on', () => {
    expect(withNewParam('/c/c1/milestones', { pathname: '/c/c1/milestones', search: 'status=at_risk&view=list' })).toBe(
      '/c/c1/milestones?status=at_risk&view=list&new=1',
    );
  });
});
