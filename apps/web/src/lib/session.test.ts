import { describe, expect, it } from 'vitest';
import { safeNext } from './session.ts';

describe('safeNext: where sign-in may send you back to', () => {
  it('keeps paths of this app, with their query and hash', () => {
    for (const path of ['/', '/c/abcdefghijklmnopqrst', '/c/abcdefghijklmnopqrst/milestones?status=at_risk&view=list', '/invite/abc#top']) {
      expect(safeNext(path), path).toBe(path);
    }
  });

  it('refuses anything that could leave the app', () => {
    const attacks = [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example', // the case: browsers drop the tab, leaving //evil.example
      '/\n/evil.example',
      '/\r/evil.example',
      '/\u0000/evil.example',
      '/%09/evil.example'.replace('%09', '\t'),
      'javascript:alert(1)',
      ' /c/x',
      'evil.example',
      '',
      null,
      undefined,
      `/${'a'.repeat(3000)}`,
    ];
    for (const next of attacks) expect(safeNext(next), JSON.stringify(next)).toBe('/');
  });

  it('resolves what it returns, so what is checked is what is followed', () => {
    expect(safeNext('/c/x/../../members')).toBe('/members');
    expect(safeNext('/c x')).toBe('/c%20x');
  });

  it('never sends you back to the sign-in or sign-up page', () => {
    for (const next of ['/sign-in', '/sign-in?next=/x', '/sign-up', '/sign-up#x']) expect(safeNext(next), next).toBe('/');
  });
});
