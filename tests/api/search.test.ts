/**
 * search.query, the command palette's "jump to": names of the caller's coalition only, per kind,
 * case-insensitive, the typed text taken literally (LIKE wildcards escaped), a clear error for an
 * empty or too long query, and quick on a coalition with 5,000 milestones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@coalition/api';
import { milestones, newId } from '@coalition/db';
import { SEARCH_MAX } from '@coalition/domain';
import { createTestApp, type TestApp, type TestUser } from '../support/harness.ts';
import { createTeam, type Team } from '../support/team.ts';

describe('search.query', () => {
  let app: TestApp;
  let team: Team;
  beforeAll(async () => {
    app = createTestApp();
    team = await createTeam(app);
    const { coalitionId, otherCoalitionId } = team;
    const own = team.editor.caller;
    const track = await own.track.create({ coalitionId, name: 'Sahel outreach' });
    await own.track.create({ coalitionId, name: 'Treaty text' });
    await own.partner.create({ coalitionId, name: 'Republic of Senegal', kind: 'state' });
    await own.partner.create({ coalitionId, name: 'Sahel Women Network', kind: 'civil_society' });
    await own.partner.create({ coalitionId, name: '100% Renewables', kind: 'civil_society' });
    await own.partner.create({ coalitionId, name: 'Under_score Institute', kind: 'academia' });
    await own.partner.create({ coalitionId, name: 'Back\\slash Foundation', kind: 'philanthropy' });
    await own.milestone.create({ coalitionId, title: 'Sahel ministers endorse the draft', dueDate: '2030-01-10', trackId: track.id });
    await own.milestone.create({ coalitionId, title: 'Draft circulated to capitals', dueDate: '2030-02-10' });
    await own.bottleneck.create({ coalitionId, title: 'Sahel funding gap', severity: 'high' });
    // Another coalition, with the same words in its names.
    const other = team.outsider.caller;
    const c2 = otherCoalitionId;
    await other.partner.create({ coalitionId: c2, name: 'Sahel Secret Partner', kind: 'civil_society' });
    await other.track.create({ coalitionId: c2, name: 'Sahel secret track' });
    await other.milestone.create({ coalitionId: c2, title: 'Sahel secret milestone', dueDate: '2030-01-01' });
    await other.bottleneck.create({ coalitionId: c2, title: 'Sahel secret bottleneck' });
  });

  const names = (r: Awaited<ReturnType<TestUser['caller']['search']['query']>>) => ({
    milestones: r.milestones.map((m) => m.title),
    partners: r.partners.map((p) => p.name),
    tracks: r.tracks.map((t) => t.name),
    bottlenecks: r.bottlenecks.map((b) => b.title),
  });

  it('finds milestones, partners, tracks and bottlenecks by part of their name, case-insensitively, names starting with it first', async () => {
    const r = await team.viewer.caller.search.query({ coalitionId: team.coalitionId, q: 'SAHEL' });
    expect(names(r)).toEqual({
      milestones: ['Sahel ministers endorse the draft'],
      partners: ['Sahel Women Network'],
      tracks: ['Sahel outreach'],
      bottlenecks: ['Sahel funding gap'],
    });
    expect(r.milestones[0]).toMatchObject({ status: 'planned', dueDate: '2030-01-10' });
    expect(r.partners[0]).toMatchObject({ kind: 'civil_society', stage: 'identified' });

    const draft = await team.viewer.caller.search.query({ coalitionId: team.coalitionId, q: 'draft' });
    // "Draft circulated…" starts with the text: before "…endorse the draft".
    expect(names(draft).milestones).toEqual(['Draft circulated to capitals', 'Sahel ministers endorse the draft']);
    expect(names(draft).partners).toEqual([]);

    const se = await team.viewer.caller.search.query({ coalitionId: team.coalitionId, q: 'sene' });
    expect(names(se)).toEqual({ milestones: [], partners: ['Republic of Senegal'], tracks: [], bottlenecks: [] });
  });

  it('never returns another coalition’s rows', async () => {
    const r = await team.owner.caller.search.query({ coalitionId: team.coalitionId, q: 'secret' });
    expect(names(r)).toEqual({ milestones: [], partners: [], tracks: [], bottlenecks: [] });
    // The other coalition's owner finds them in theirs.
    const theirs = await team.outsider.caller.search.query({ coalitionId: team.otherCoalitionId, q: 'secret' });
    expect(theirs.partners.map((p) => p.name)).toEqual(['Sahel Secret Partner']);
  });

  it('lets a viewer search, and refuses a non-member as if the coalition did not exist', async () => {
    await expect(team.viewer.caller.search.query({ coalitionId: team.coalitionId, q: 'sahel' })).resolves.toBeTruthy();
    await expect(team.outsider.caller.search.query({ coalitionId: team.coalitionId, q: 'sahel' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(app.anonymous.search.query({ coalitionId: team.coalitionId, q: 'sahel' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('takes % _ and \\ literally', async () => {
    const q = (text: string) => team.viewer.caller.search.query({ coalitionId: team.coalitionId, q: text }).then((r) => r.partners.map((p) => p.name));
    expect(await q('%')).toEqual(['100% Renewables']);
    expect(await q('_')).toEqual(['Under_score Institute']);
    expect(await q('\\')).toEqual(['Back\\slash Foundation']);
    // Unescaped, "0%R" would match "100% Renewables" (% for the space) and "s_n" "Senegal".
    expect(await q('0%R')).toEqual([]);
    expect(await q('s_n')).toEqual([]);
  });

  it('limits the matches of each kind', async () => {
    const r = await team.viewer.caller.search.query({ coalitionId: team.coalitionId, q: 'e', limit: 2 });
    expect(r.partners).toHaveLength(2);
    expect(r.milestones.length).toBeLessThanOrEqual(2);
  });

  it('refuses an empty or too long query with a message on the field', async () => {
    const empty = await team.viewer.caller.search.query({ coalitionId: team.coalitionId, q: '   ' }).catch((e: unknown) => e);
    expect(empty).toMatchObject({ code: 'BAD_REQUEST' });
    expect(fieldErrorsOf((empty as { cause: unknown }).cause)).toEqual({ q: ['Type part of a name to search for'] });
    const long = await team.viewer.caller.search.query({ coalitionId: team.coalitionId, q: 'x'.repeat(SEARCH_MAX + 1) }).catch((e: unknown) => e);
    expect(long).toMatchObject({ code: 'BAD_REQUEST' });
    expect(fieldErrorsOf((long as { cause: unknown }).cause)).toEqual({ q: [`At most ${SEARCH_MAX} characters`] });
    const tooMany = await team.viewer.caller.search.query({ coalitionId: team.coalitionId, q: 'a', limit: 1000 }).catch((e: unknown) => e);
    expect(tooMany).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('answers quickly on 5,000 milestones, reading only this coalition’s rows through an index', async () => {
    const { coalitionId } = team;
    const now = Date.now();
    const insert = app.db.$client.transaction(() => {
      for (let i = 0; i < 5000; i++) {
        app.db
          .insert(milestones)
          .values({ id: newId(), coalitionId, title: `Bench step ${i} of the consultation`, dueDate: '2030-03-01', createdAt: now, updatedAt: now })
          .run();
      }
    });
    insert();
    const plan = app.db.$client
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM milestones WHERE coalition_id = ? AND title LIKE ? ESCAPE '\\' ORDER BY (title LIKE ? ESCAPE '\\') DESC, title COLLATE NOCASE LIMIT 5")
      .all(coalitionId, '%x%', 'x%') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/SEARCH milestones USING (COVERING )?INDEX milestones_coalition_/);
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const t0 = performance.now();
      const r = await team.viewer.caller.search.query({ coalitionId, q: 'step 499' });
      times.push(performance.now() - t0);
      expect(r.milestones.map((m) => m.title)).toEqual(['Bench step 499 of the consultation', ...[0, 1, 2, 3].map((d) => `Bench step 499${d} of the consultation`)]);
    }
    times.sort((a, b) => a - b);
    // A few milliseconds on a laptop; generous for a busy CI machine.
    expect(times[2]).toBeLessThan(100);
  });
});
