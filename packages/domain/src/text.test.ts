import { describe, expect, it } from 'vitest';
import {
  codePointLabel,
  codePointLength,
  importedCommentBody,
  textProblem,
  truncateCodePoints,
  zCommentBody,
  zEmail,
  zName,
  zSearch,
  zText,
  zWorkspaceFile,
} from './index.ts';

const single = (s: string) => textProblem(s);
const multi = (s: string) => textProblem(s, { multiline: true });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('textProblem: control characters', () => {
  it('refuses NUL at the start, in the middle and at the end, naming it', () => {
    for (const s of ['\u0000Canada', 'Can\u0000ada', 'Canada\u0000']) {
      expect(single(s)).toBe('Contains a control character (U+0000), which is not allowed');
      expect(multi(s)).toBe('Contains a control character (U+0000), which is not allowed');
    }
  });

  it('refuses every C0 control (U+0000–U+001F) in single-line text', () => {
    for (const c of range(0x00, 0x1f)) {
      expect(single(`a${String.fromCharCode(c)}b`), codePointLabel(c)).toContain(`(${codePointLabel(c)})`);
    }
  });

  it('refuses every C0 control in multi-line text except tab, line feed and CR LF', () => {
    for (const c of range(0x00, 0x1f)) {
      const problem = multi(`a${String.fromCharCode(c)}b`);
      if (c === 0x09 || c === 0x0a) expect(problem, codePointLabel(c)).toBeNull();
      else expect(problem, codePointLabel(c)).toContain(`(${codePointLabel(c)})`);
    }
  });

  it('refuses DEL (U+007F) and every C1 control (U+0080–U+009F), NEXT LINE included, even in multi-line text', () => {
    for (const c of [0x7f, ...range(0x80, 0x9f)]) {
      const s = `a${String.fromCharCode(c)}b`;
      expect(single(s)).toBe(`Contains a control character (${codePointLabel(c)}), which is not allowed`);
      expect(multi(s)).toBe(`Contains a control character (${codePointLabel(c)}), which is not allowed`);
    }
  });

  it('accepts the printable neighbours of the control ranges', () => {
    expect(single(' ~\u00a0\u00a1Ÿ')).toBeNull();
  });
});

describe('textProblem: line breaks and tabs', () => {
  it('allows \\n, \\r\\n and tab in multi-line text only', () => {
    expect(multi('Line one\nLine two\r\nLine\tthree')).toBeNull();
    expect(single('Line one\nLine two')).toBe('Contains a line break (U+000A), which is not allowed here: keep it on one line');
    expect(single('Line one\r\nLine two')).toBe('Contains a line break (U+000D), which is not allowed here: keep it on one line');
    expect(single('a\tb')).toBe('Contains a tab character (U+0009), which is not allowed here');
  });

  it('refuses a carriage return that does not start a CR LF pair', () => {
    expect(multi('old Mac\rline')).toMatch(/carriage return \(U\+000D\) that is not followed by a line feed/);
    expect(multi('ends with\r')).toMatch(/U\+000D/);
    expect(multi('a\r\r\nb')).toMatch(/U\+000D/);
  });

  it('treats the Unicode line and paragraph separators as line breaks', () => {
    expect(single('a\u2028b')).toMatch(/line break \(U\+2028\)/);
    expect(single('a\u2029b')).toMatch(/line break \(U\+2029\)/);
    expect(multi('a\u2028b\u2029c')).toBeNull();
  });
});

describe('textProblem: bidirectional controls', () => {
  it('refuses the right-to-left override in names and in multi-line text', () => {
    const spoof = 'invoice\u202Efdp.exe';
    expect(single(spoof)).toBe(
      'Contains a right-to-left override character (U+202E), which is not allowed: it can make text display in a misleading order',
    );
    expect(multi(spoof)).toBe(single(spoof));
  });

  it('refuses every embedding, override and isolate control (U+202A–U+202E, U+2066–U+2069)', () => {
    for (const c of [...range(0x202a, 0x202e), ...range(0x2066, 0x2069)]) {
      const s = `a${String.fromCharCode(c)}b`;
      expect(single(s), codePointLabel(c)).toContain(`character (${codePointLabel(c)}), which is not allowed`);
      expect(multi(s), codePointLabel(c)).not.toBeNull();
    }
  });

  it('allows the bidirectional marks LRM, RLM and ALM, and right-to-left letters', () => {
    expect(single('\u200Fשלום\u200E (2024)')).toBeNull();
    expect(single('مرحبا\u061C 123')).toBeNull();
  });
});

describe('textProblem: the rest of Unicode', () => {
  it('accepts emoji (surrogate pairs), ZWJ sequences, combining marks and accented letters', () => {
    expect(single('Team 🚀 👩‍👩‍👧 e\u0301cole Zoë Åland 日本')).toBeNull();
  });

  it('refuses unpaired surrogates', () => {
    expect(single('a\ud83d')).toBe('Contains an invalid character (unpaired surrogate U+D83D), which is not allowed');
    expect(single('\ude00b')).toMatch(/unpaired surrogate U\+DE00/);
    expect(single('\ude00\ud83d')).toMatch(/unpaired surrogate U\+DE00/);
  });

  it('reports the first offending character', () => {
    expect(single('a\u202Eb\u0000')).toMatch(/U\+202E/);
    expect(single('a\u0000b\u202E')).toMatch(/U\+0000/);
  });
});

describe('codePointLength and truncateCodePoints', () => {
  it('counts code points, as SQLite length() does, not UTF-16 units', () => {
    expect(codePointLength('')).toBe(0);
    expect(codePointLength('abc')).toBe(3);
    expect(codePointLength('😀')).toBe(1);
    expect('😀'.length).toBe(2);
    expect(codePointLength('😀'.repeat(300))).toBe(300);
    // A combining accent is a code point of its own (SQLite counts it too).
    expect(codePointLength('e\u0301')).toBe(2);
    // A ZWJ family: 3 people and 2 joiners.
    expect(codePointLength('👩‍👩‍👧')).toBe(5);
    expect(codePointLength('a\ud83d')).toBe(2);
    for (const s of ['x😀y', 'e\u0301', '👩‍👩‍👧', 'plain']) expect(codePointLength(s)).toBe([...s].length);
  });

  it('cuts to at most max code points, with an ellipsis, never inside a surrogate pair', () => {
    expect(truncateCodePoints('short', 10)).toBe('short');
    expect(truncateCodePoints('abcdef', 4)).toBe('abc…');
    const cut = truncateCodePoints('😀'.repeat(10), 4);
    expect(cut).toBe('😀😀😀…');
    expect(textProblem(cut)).toBeNull();
    expect(codePointLength(truncateCodePoints('😀'.repeat(10_001), 10_000))).toBe(10_000);
  });
});

describe('the zod building blocks', () => {
  it('zName: trimmed, single-line, required, at most max code points', () => {
    expect(zName(300).parse('  Ottawa conference \n')).toBe('Ottawa conference');
    expect(zName(300).parse('🚀'.repeat(300))).toBe('🚀'.repeat(300));
    expect(issues(zName(300).safeParse('🚀'.repeat(301)))).toEqual([': At most 300 characters']);
    expect(issues(zName(300).safeParse('x'.repeat(301)))).toEqual([': At most 300 characters']);
    expect(issues(zName(300).safeParse('  '))).toEqual([': Required']);
    expect(issues(zName(300).safeParse('\u0000Summit'))).toEqual([': Contains a control character (U+0000), which is not allowed']);
    expect(issues(zName(300).safeParse('a\nb'))).toEqual([': Contains a line break (U+000A), which is not allowed here: keep it on one line']);
    expect(issues(zName(300).safeParse('\u202Eabc'))[0]).toMatch(/right-to-left override/);
  });

  it('zText: multi-line, may be empty', () => {
    expect(zText(100).parse('')).toBe('');
    expect(zText(100).parse('One\r\n\ttwo\nthree')).toBe('One\r\n\ttwo\nthree');
    expect(issues(zText(100).safeParse('One\u0000'))).toEqual([': Contains a control character (U+0000), which is not allowed']);
    expect(zText(2).safeParse('😀😀').success).toBe(true);
  });

  it('zEmail, zCommentBody and zSearch follow the same policy', () => {
    expect(zEmail.parse(' Jody@ICBL.example ')).toBe('jody@icbl.example');
    expect(issues(zEmail.safeParse('jody\u0000@icbl.example'))).toEqual([': Contains a control character (U+0000), which is not allowed']);
    expect(zCommentBody.parse('Line one\nLine two')).toBe('Line one\nLine two');
    expect(issues(zCommentBody.safeParse(' '))).toEqual([': Write something first']);
    expect(zCommentBody.safeParse('😀'.repeat(10_000)).success).toBe(true);
    expect(zCommentBody.safeParse('😀'.repeat(10_001)).success).toBe(false);
    expect(issues(zSearch().safeParse('\u0000'))).toEqual([': Contains a control character (U+0000), which is not allowed']);
  });
});

describe('the workspace file', () => {
  const file = (extra: Record<string, unknown>) => ({
    format: 'coalition-planner/v1',
    coalition: { name: 'Imported', goal: 'A goal', goalDate: '2030-01-01' },
    ...extra,
  });

  it('names the offending entry and field', () => {
    expect(issues(zWorkspaceFile.safeParse(file({ partners: [{ id: 'p1', name: 'Ok', kind: 'state' }, { id: 'p2', name: '\u0000x', kind: 'state' }] })))).toEqual([
      'partners.1.name: Contains a control character (U+0000), which is not allowed',
    ]);
    expect(issues(zWorkspaceFile.safeParse(file({ coalition: { name: 'a\u202Eb', goal: 'G', goalDate: '2030-01-01' } })))[0]).toMatch(
      /^coalition\.name: Contains a right-to-left override/,
    );
    const comment = { id: 'c1', targetType: 'partner', targetId: 'p1' };
    expect(issues(zWorkspaceFile.safeParse(file({ comments: [{ ...comment, body: 'x', authorName: 'Eve\u202E' }] })))[0]).toMatch(/^comments\.0\.authorName: /);
    expect(issues(zWorkspaceFile.safeParse(file({ comments: [{ ...comment, body: 'a\u0085b' }] })))[0]).toMatch(/^comments\.0\.body: .*U\+0085/);
    expect(issues(zWorkspaceFile.safeParse(file({ partners: [{ id: 'p\u0000', name: 'x', kind: 'state' }] })))[0]).toMatch(/^partners\.0\.id: /);
  });

  it('keeps line breaks in multi-line fields and counts code points', () => {
    const ok = zWorkspaceFile.safeParse(file({ milestones: [{ id: 'm1', title: '🌍'.repeat(300), description: 'One\nTwo\r\nThree', dueDate: '2030-01-01' }] }));
    expect(ok.success).toBe(true);
  });

  it('importedCommentBody stays within the database limit in code points', () => {
    const body = importedCommentBody('Jody', '😀'.repeat(10_000));
    expect(codePointLength(body)).toBe(10_000);
    expect(body.endsWith('😀…')).toBe(true);
    expect(textProblem(body, { multiline: true })).toBeNull();
  });
});
