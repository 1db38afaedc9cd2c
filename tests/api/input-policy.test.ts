/**
 * The input policy (packages/domain/src/text.ts) through the real router: a control character
 * or a bidirectional override in any text is a BAD_REQUEST naming the field — never a 500 from
 * a CHECK constraint — and nothing is written; legitimate text (line breaks in descriptions,
 * emoji) is stored as typed, its length counted as the database counts it.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { milestones } from '@coalition/db';
import * as auth from '@coalition/auth';
import { fieldErrorsOf } from '@coalition/api';
import { createTestApp, type Caller, type TestApp } from '../support/harness.ts';
import { createTeam, type Team } from '../support/team.ts';

vi.mock('@coalition/auth', async (importOriginal) => {
  const actual = await importOriginal<typeof auth>();
  return { ...actual, hashPassword: vi.fn(actual.hashPassword) };
});

const NUL_NAME = '\u0000Summit coalition';
const RLO_NAME = 'Invoice \u202Efdp.exe';
const BAD_NAMES = [
  ['a leading NUL', NUL_NAME, /control character \(U\+0000\)/],
  ['a right-to-left override', RLO_NAME, /right-to-left override character \(U\+202E\)/],
] as const;

/** The refused call's error: BAD_REQUEST, with a field error under `field` matching `message`. */
async function expectFieldError(call: Promise<unknown>, field: string, message: RegExp) {
  const err = await call.then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (e: unknown) => e as { code: string; message: string; cause: unknown },
  );
  expect(err.code).toBe('BAD_REQUEST');
  const fields = fieldErrorsOf(err.cause);
  expect(fields, err.message).toHaveProperty([field]);
  expect(fields![field]!.join('\n')).toMatch(message);
}

describe('input policy: names with a NUL or a bidi override are refused per field, and nothing is written', () => {
  let app: TestApp;
  let team: Team;
  let editor: Caller;
  let partnerId: string;
  beforeAll(async () => {
    app = createTestApp();
    team = await createTeam(app);
    editor = team.editor.caller;
    partnerId = (await editor.partner.create({ coalitionId: team.coalitionId, name: 'Canada', kind: 'state' })).id;
  });

  describe.each(BAD_NAMES)('%s', (_label, bad, message) => {
    it('coalition.create (name) and coalition.update (goal)', async () => {
      const before = app.rowCounts();
      await expectFieldError(team.owner.caller.coalition.create({ name: bad, goal: 'Convene', goalDate: '2030-01-01' }), 'name', message);
      await expectFieldError(editor.coalition.update({ coalitionId: team.coalitionId, version: 1, goal: bad }), 'goal', message);
      expect(app.rowCounts()).toEqual(before);
    });

    it('partner.create (name) and partner.update (country)', async () => {
      const before = app.rowCounts();
      await expectFieldError(editor.partner.create({ coalitionId: team.coalitionId, name: bad, kind: 'state' }), 'name', message);
      await expectFieldError(editor.partner.update({ coalitionId: team.coalitionId, partnerId, version: 1, country: bad }), 'country', message);
      expect(app.rowCounts()).toEqual(before);
    });

    it('track.create (name)', async () => {
      const before = app.rowCounts();
      await expectFieldError(editor.track.create({ coalitionId: team.coalitionId, name: bad }), 'name', message);
      expect(app.rowCounts()).toEqual(before);
    });

    it('milestone.create (title)', async () => {
      const before = app.rowCounts();
      await expectFieldError(editor.milestone.create({ coalitionId: team.coalitionId, title: bad, dueDate: '2030-01-01' }), 'title', message);
      expect(app.rowCounts()).toEqual(before);
    });

    it('bottleneck.create (title, and narrative)', async () => {
      const before = app.rowCounts();
      await expectFieldError(editor.bottleneck.create({ coalitionId: team.coalitionId, title: bad }), 'title', message);
      await expectFieldError(editor.bottleneck.create({ coalitionId: team.coalitionId, title: 'Fine', narrative: bad }), 'narrative', message);
      expect(app.rowCounts()).toEqual(before);
    });

    it('comment.add (body)', async () => {
      const before = app.rowCounts();
      await expectFieldError(editor.comment.add({ coalitionId: team.coalitionId, targetType: 'partner', targetId: partnerId, body: bad }), 'body', message);
      expect(app.rowCounts()).toEqual(before);
    });

    it('auth.signUp (name), refused before the password is hashed', async () => {
      const before = app.rowCounts();
      const hashes = vi.mocked(auth.hashPassword).mock.calls.length;
      await expectFieldError(app.callerFor(null, '10.77.0.1').auth.signUp({ name: bad, email: 'mallory@example.org', password: 'correct horse battery' }), 'name', message);
      await expectFieldError(app.callerFor(null, '10.77.0.2').auth.signUp({ name: 'Mallory', email: `mallory${bad}@example.org`, password: 'correct horse battery' }), 'email', message);
      expect(vi.mocked(auth.hashPassword).mock.calls.length).toBe(hashes);
      expect(app.rowCounts()).toEqual(before);
      // The spy does see a sign-up that gets through.
      await app.callerFor(null, '10.77.0.3').auth.signUp({ name: 'Mallory', email: `mallory.${bad.length}@example.org`, password: 'correct horse battery' });
      expect(vi.mocked(auth.hashPassword).mock.calls.length).toBe(hashes + 1);
    });

    it('transfer.importJson: the entry in the file, the coalition in the file and the new name', async () => {
      const file = {
        format: 'coalition-planner/v1' as const,
        coalition: { name: 'Imported', goal: 'A treaty', goalDate: '2030-01-01' },
        partners: [
          { id: 'p1', name: 'Norway', kind: 'state' as const },
          { id: 'p2', name: bad, kind: 'state' as const },
        ],
      };
      const before = app.rowCounts();
      await expectFieldError(editor.transfer.importJson({ data: file }), 'data.partners.1.name', message);
      await expectFieldError(editor.transfer.importJson({ data: { ...file, partners: [], coalition: { ...file.coalition, name: bad } } }), 'data.coalition.name', message);
      const comments = [{ id: 'c1', targetType: 'partner' as const, targetId: 'p1', body: `Hello ${bad}` }];
      await expectFieldError(editor.transfer.importJson({ data: { ...file, partners: file.partners.slice(0, 1), comments } }), 'data.comments.0.body', message);
      await expectFieldError(editor.transfer.importJson({ data: { ...file, partners: [] }, name: bad }), 'name', message);
      expect(app.rowCounts()).toEqual(before);
    });
  });

  it('refuses line breaks and tabs in single-line fields, naming the character', async () => {
    const before = app.rowCounts();
    await expectFieldError(editor.partner.create({ coalitionId: team.coalitionId, name: 'Two\nlines', kind: 'state' }), 'name', /line break \(U\+000A\)/);
    await expectFieldError(editor.milestone.create({ coalitionId: team.coalitionId, title: 'A\ttab', dueDate: '2030-01-01' }), 'title', /tab character \(U\+0009\)/);
    await expectFieldError(editor.track.create({ coalitionId: team.coalitionId, name: 'DEL\u007f' }), 'name', /control character \(U\+007F\)/);
    await expectFieldError(editor.track.create({ coalitionId: team.coalitionId, name: 'C1\u0085' }), 'name', /control character \(U\+0085\)/);
    expect(app.rowCounts()).toEqual(before);
  });

  it('refuses a NUL in a query input (search, filters) with a field error instead of running the query', async () => {
    const { coalitionId } = team;
    await expectFieldError(editor.milestone.list({ coalitionId, search: '\u0000' }), 'search', /U\+0000/);
    await expectFieldError(editor.partner.list({ coalitionId, search: 'Can\u0000' }), 'search', /U\+0000/);
    await expectFieldError(editor.activity.list({ coalitionId, entityType: '\u0000partner' }), 'entityType', /U\+0000/);
    // An ordinary search still works.
    expect((await editor.partner.list({ coalitionId, search: 'Can' })).map((p: { name: string }) => p.name)).toContain('Canada');
  });
});

describe('input policy: legitimate text is stored as typed', () => {
  let app: TestApp;
  let team: Team;
  beforeAll(async () => {
    app = createTestApp();
    team = await createTeam(app);
  });

  const EMOJI_300 = '🚀'.repeat(300);

  it('keeps line breaks and tabs in descriptions, and takes a 300-emoji title (300 code points, 600 UTF-16 units)', async () => {
    const { coalitionId } = team;
    const editor = team.editor.caller;
    const description = 'First line\nSecond line\r\n\tIndented, with עברית\u200F and 👩‍👩‍👧';
    const m = await editor.milestone.create({ coalitionId, title: EMOJI_300, description, dueDate: '2030-01-01' });
    expect(m.title).toBe(EMOJI_300);
    expect(m.description).toBe(description);
    const row = app.db
      .select({ length: sql<number>`length(${milestones.title})` })
      .from(milestones)
      .where(eq(milestones.id, m.id))
      .get()!;
    expect(row.length).toBe(300);

    const b = await editor.bottleneck.create({ coalitionId, title: EMOJI_300, description, narrative: 'Reframe:\n1. humanitarian\n2. not arms control' });
    expect(b.title).toBe(EMOJI_300);
    const c = await editor.comment.add({ coalitionId, targetType: 'milestone', targetId: m.id, body: 'Line one\nLine two 🎉' });
    expect(c.body).toBe('Line one\nLine two 🎉');
    const coalition = await team.owner.caller.coalition.create({ name: '🌍'.repeat(200), goal: 'Convene the summit', goalDate: '2030-06-01', description: 'Why:\nbecause' });
    expect(coalition.description).toBe('Why:\nbecause');
    const user = await app.callerFor(null, '10.88.0.1').auth.signUp({ name: 'Zoë e\u0301cole 🦉', email: 'zoe@example.org', password: 'correct horse battery' });
    expect(user.name).toBe('Zoë e\u0301cole 🦉');
  });

  it('refuses 301 emoji in a title: the limit is the same, counted in code points', async () => {
    const before = app.rowCounts();
    await expectFieldError(
      team.editor.caller.milestone.create({ coalitionId: team.coalitionId, title: '🚀'.repeat(301), dueDate: '2030-01-01' }),
      'title',
      /At most 300 characters/,
    );
    expect(app.rowCounts()).toEqual(before);
  });

  it('imports a file with multi-line descriptions and a 300-emoji title', async () => {
    const result = await team.editor.caller.transfer.importJson({
      data: {
        format: 'coalition-planner/v1',
        coalition: { name: 'Imported 🌍', goal: 'A treaty', goalDate: '2030-01-01', description: 'One\nTwo' },
        partners: [{ id: 'p1', name: 'Norway', kind: 'state', notes: 'Notes\r\nmore\tnotes' }],
        milestones: [{ id: 'm1', title: EMOJI_300, description: 'Line one\nLine two', dueDate: '2030-01-01' }],
        comments: [{ id: 'c1', targetType: 'milestone', targetId: 'm1', body: '😀'.repeat(10_000), authorName: 'Jody 🦉' }],
      },
    });
    expect(result.imported).toMatchObject({ partners: 1, milestones: 1, comments: 1 });
    const exported = await team.editor.caller.transfer.exportJson({ coalitionId: result.id });
    expect(exported.coalition.description).toBe('One\nTwo');
    expect(exported.milestones[0]!.title).toBe(EMOJI_300);
    expect([...exported.comments[0]!.body]).toHaveLength(10_000);
  });
});
