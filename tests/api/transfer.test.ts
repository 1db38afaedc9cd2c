import { IMPORTS_PER_HOUR } from '../../packages/api/src/context.ts';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  activity,
  baselines,
  bottlenecks,
  comments,
  memberships,
  milestoneDependencies,
  milestones,
  newId,
  partnerActs,
  partners,
  slips,
  trackAssignments,
  tracks,
  type Db,
} from '@coalition/db';
import { createContext, fieldErrorsOf } from '@coalition/api';
import { transferRouter } from '../../packages/api/src/routers/transfer.ts';
import { bulkInsert } from '../../packages/api/src/services/transfer.ts';
import { PREVIEW_BURST, PREVIEWS_PER_HOUR } from '../../packages/api/src/context.ts';
import { createCallerFactory, createTRPCRouter } from '../../packages/api/src/trpc.ts';
import { countStatements, createTestApp, type TestApp } from '../support/harness.ts';

const router = createTRPCRouter({ transfer: transferRouter });
const createCaller = createCallerFactory(router);
const transferCaller = (app: TestApp, token: string | null) =>
  createCaller(() => createContext(app.services, { sessionToken: token, clientAddress: '127.0.0.1' }));

const NOW = Date.UTC(2024, 0, 15, 12);
/** The counts of the sections the seeded plan has none of: threshold rows, baselines and slips. */
const NO_PLAN_SIGNALS = { eligiblePartners: 0, partnerActs: 0, baselines: 0, baselineDates: 0, slips: 0 };

/** A small plan written straight into the database: 3 partners, 2 tracks, 4 milestones, … */
function seedPlan(db: Db, coalitionId: string, authorId: string) {
  const id = { p: [newId(), newId(), newId()], t: [newId(), newId()], m: [newId(), newId(), newId(), newId()], b: newId() };
  const base = { coalitionId, version: 1, createdAt: NOW, updatedAt: NOW };
  db.insert(partners)
    .values([
      { ...base, id: id.p[0]!, name: 'Canada', kind: 'state', country: 'CA', contributions: ['political_support'], influence: 5, interest: 5, stage: 'champion', committedOn: '1996-10-05' },
      { ...base, id: id.p[1]!, name: 'ICBL, the campaign', kind: 'civil_society', contributions: ['ideas', 'networks'], stage: 'committed', committedOn: '1992-10-01', notes: 'Nobel "1997"' },
      { ...base, id: id.p[2]!, name: 'ICRC', kind: 'intergovernmental', stage: 'in_dialogue' },
    ])
    .run();
  db.insert(tracks)
    .values([
      { ...base, id: id.t[0]!, name: 'Diplomacy', objective: 'Core group of states', color: '#1d4ed8', position: 0, status: 'active' },
      { ...base, id: id.t[1]!, name: 'Campaign', color: '#b91c1c', position: 1, status: 'achieved' },
    ])
    .run();
  db.insert(trackAssignments)
    .values([
      { coalitionId, partnerId: id.p[0]!, trackId: id.t[0]!, role: 'lead', createdAt: NOW, updatedAt: NOW },
      { coalitionId, partnerId: id.p[1]!, trackId: id.t[1]!, role: 'lead', createdAt: NOW, updatedAt: NOW },
      { coalitionId, partnerId: id.p[2]!, trackId: id.t[0]!, role: 'observer', createdAt: NOW, updatedAt: NOW },
    ])
    .run();
  db.insert(milestones)
    .values([
      { ...base, id: id.m[0]!, trackId: id.t[0]!, title: 'Ottawa conference', dueDate: '1996-10-05', status: 'done', progress: 100, completedOn: '1996-10-04', ownerPartnerId: id.p[0]! },
      { ...base, id: id.m[1]!, trackId: id.t[0]!, title: 'Brussels declaration', startDate: '1997-01-10', dueDate: '1997-06-27', status: 'at_risk', progress: 40 },
      { ...base, id: id.m[2]!, trackId: id.t[1]!, title: '=Oslo text, agreed', description: 'Line one\nLine two; with "quotes"', dueDate: '1997-09-18', status: 'in_progress', progress: 70, ownerPartnerId: id.p[1]! },
      { ...base, id: id.m[3]!, trackId: null, title: 'Treaty signed in Ottawa', dueDate: '1997-12-03', status: 'planned', progress: 0 },
    ])
    .run();
  db.insert(milestoneDependencies)
    .values([
      { coalitionId, milestoneId: id.m[1]!, dependsOnId: id.m[0]!, createdAt: NOW },
      { coalitionId, milestoneId: id.m[2]!, dependsOnId: id.m[1]!, createdAt: NOW },
      { coalitionId, milestoneId: id.m[3]!, dependsOnId: id.m[2]!, createdAt: NOW },
      { coalitionId, milestoneId: id.m[3]!, dependsOnId: id.m[0]!, createdAt: NOW },
    ])
    .run();
  db.insert(bottlenecks)
    .values({ ...base, id: id.b, trackId: id.t[0]!, milestoneId: id.m[1]!, title: 'Great powers stay out', severity: 'high', status: 'reframing', narrative: 'Humanitarian, not arms control' })
    .run();
  db.insert(comments)
    .values([
      { ...base, id: newId(), targetType: 'milestone', targetId: id.m[1]!, authorId, body: 'Draft is out', createdAt: NOW + 1 },
      { ...base, id: newId(), targetType: 'bottleneck', targetId: id.b, authorId, body: 'Reframe it', createdAt: NOW + 2 },
    ])
    .run();
  return id;
}

async function setup() {
  const app = createTestApp();
  const alice = await app.signUp('Alice Owner');
  const bob = await app.signUp('Bob Viewer');
  const carol = await app.signUp('Carol Importer');
  const c = await alice.caller.coalition.create({ name: 'Landmine ban', goal: 'A treaty banning landmines', goalDate: '1997-12-03', description: 'The Ottawa process', timeZone: 'UTC' });
  app.db.insert(memberships).values({ coalitionId: c.id, userId: bob.id, role: 'viewer', createdAt: NOW }).run();
  const ids = seedPlan(app.db, c.id, alice.id);
  return { app, alice, bob, carol, coalitionId: c.id, ids, t: (u: { token: string }) => transferCaller(app, u.token) };
}

/** A comparable, id-free picture of a coalition's plan. */
function picture(db: Db, coalitionId: string) {
  const ps = db.select().from(partners).where(eq(partners.coalitionId, coalitionId)).all();
  const ts = db.select().from(tracks).where(eq(tracks.coalitionId, coalitionId)).all();
  const ms = db.select().from(milestones).where(eq(milestones.coalitionId, coalitionId)).all();
  const bs = db.select().from(bottlenecks).where(eq(bottlenecks.coalitionId, coalitionId)).all();
  const name = new Map<string | null, string>([...ps, ...ts].map((x) => [x.id, x.name]));
  const title = new Map<string | null, string>([...ms, ...bs].map((x) => [x.id, x.title]));
  return {
    partners: ps
      .map(({ name, kind, country, contact, contributions, influence, interest, stage, committedOn, notes }) => ({ name, kind, country, contact, contributions, influence, interest, stage, committedOn, notes }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    tracks: ts.sort((a, b) => a.position - b.position).map(({ name, objective, color, position, status }) => ({ name, objective, color, position, status })),
    assignments: db
      .select()
      .from(trackAssignments)
      .where(eq(trackAssignments.coalitionId, coalitionId))
      .all()
      .map((a) => `${name.get(a.partnerId)} / ${name.get(a.trackId)} / ${a.role}`)
      .sort(),
    milestones: ms
      .map((m) => ({
        title: m.title,
        description: m.description,
        track: name.get(m.trackId) ?? null,
        owner: name.get(m.ownerPartnerId) ?? null,
        startDate: m.startDate,
        dueDate: m.dueDate,
        status: m.status,
        progress: m.progress,
        completedOn: m.completedOn,
      }))
      .sort((a, b) => a.title.localeCompare(b.title)),
    dependencies: db
      .select()
      .from(milestoneDependencies)
      .where(eq(milestoneDependencies.coalitionId, coalitionId))
      .all()
      .map((d) => `${title.get(d.milestoneId)} <- ${title.get(d.dependsOnId)}`)
      .sort(),
    bottlenecks: bs
      .map((b) => ({ title: b.title, track: name.get(b.trackId), milestone: title.get(b.milestoneId), severity: b.severity, status: b.status, narrative: b.narrative }))
      .sort((a, b) => a.title.localeCompare(b.title)),
    comments: db
      .select()
      .from(comments)
      .where(eq(comments.coalitionId, coalitionId))
      .all()
      .map((c) => ({ on: `${c.targetType}:${name.get(c.targetId) ?? title.get(c.targetId)}`, body: c.body, authorId: c.authorId }))
      .sort((a, b) => a.body.localeCompare(b.body)),
  };
}

describe('transfer: export', () => {
  it('a viewer exports the whole workspace as JSON with ids that resolve inside the file', async () => {
    const { bob, coalitionId, ids, t } = await setup();
    const file = await t(bob).transfer.exportJson({ coalitionId });
    expect(file.format).toBe('coalition-planner/v1');
    expect(typeof file.exportedAt).toBe('number');
    expect(file.coalition).toEqual({ name: 'Landmine ban', goal: 'A treaty banning landmines', goalDate: '1997-12-03', description: 'The Ottawa process', timeZone: 'UTC' });
    expect([file.partners.length, file.tracks.length, file.assignments.length, file.milestones.length, file.dependencies.length, file.bottlenecks.length, file.comments.length]).toEqual([3, 2, 3, 4, 4, 1, 2]);
    expect(file.milestones.map((m) => m.id)).toEqual(ids.m); // by due date
    expect(file.tracks.map((x) => x.name)).toEqual(['Diplomacy', 'Campaign']);
    expect(file.comments[0]).toMatchObject({ body: 'Draft is out', authorName: 'Alice Owner', targetId: ids.m[1] });
    const milestoneIds = new Set(file.milestones.map((m) => m.id));
    for (const d of file.dependencies) expect(milestoneIds.has(d.milestoneId) && milestoneIds.has(d.dependsOnId)).toBe(true);
    // Nothing internal leaks: no coalition id, no version, no user id.
    const text = JSON.stringify(file);
    expect(text).not.toContain(coalitionId);
    expect(text).not.toContain('"version"');
    expect(text).not.toContain('authorId');
  });

  it('uses the same number of queries whatever the size of the workspace', async () => {
    const { app, alice, coalitionId, t } = await setup();
    const small = await alice.caller.coalition.create({ name: 'Empty', goal: 'G', goalDate: '2030-01-01', description: '' });
    const count = async (id: string, fn: (id: string) => Promise<unknown>) => (await countStatements(app, () => fn(id))).statements.length;
    const caller = t(alice).transfer;
    for (const fn of [
      (id: string) => caller.exportJson({ coalitionId: id }),
      (id: string) => caller.milestonesCsv({ coalitionId: id }),
      (id: string) => caller.icalendar({ coalitionId: id }),
    ]) {
      const a = await count(small.id, fn);
      const b = await count(coalitionId, fn);
      expect(a).toBe(b);
      expect(b).toBeGreaterThanOrEqual(3);
      expect(b).toBeLessThanOrEqual(17);
    }
  });

  it('exports milestones as RFC 4180 CSV with the formula guard', async () => {
    const { bob, coalitionId, t } = await setup();
    const { filename, content } = await t(bob).transfer.milestonesCsv({ coalitionId });
    expect(filename).toBe('landmine-ban-milestones.csv');
    const lines = content.split('\r\n');
    expect(lines[0]).toBe('id,title,track,status,progress,start_date,due_date,completed_on,owner,depends_on,description');
    expect(lines[1]).toMatch(/^[a-z2-7]{20},Ottawa conference,Diplomacy,done,100,,1996-10-05,1996-10-04,Canada,,$/);
    expect(lines[2]).toMatch(/,Brussels declaration,Diplomacy,at_risk,40,1997-01-10,1997-06-27,,,Ottawa conference,$/);
    expect(content).toContain(`,"'=Oslo text, agreed",Campaign,in_progress,70,,1997-09-18,,"ICBL, the campaign",Brussels declaration,"Line one\nLine two; with ""quotes"""\r\n`);
    expect(content).toContain(`,Treaty signed in Ottawa,,planned,0,,1997-12-03,,,"Ottawa conference; =Oslo text, agreed",\r\n`);
    expect(content.endsWith('\r\n')).toBe(true);
  });

  it('exports an iCalendar feed with one event per milestone and one for the goal', async () => {
    const { bob, coalitionId, ids, t } = await setup();
    const { filename, content } = await t(bob).transfer.icalendar({ coalitionId });
    expect(filename).toBe('landmine-ban-due-dates.ics');
    expect(content.match(/BEGIN:VEVENT\r\n/g)).toHaveLength(5);
    for (const line of content.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const unfolded = content.replace(/\r\n /g, '');
    for (const m of ids.m) expect(unfolded).toContain(`UID:${m}@coalition-planner\r\n`);
    expect(unfolded).toContain('X-WR-CALNAME:Landmine ban\r\n');
    expect(unfolded).toContain('SUMMARY:[in progress] =Oslo text\\, agreed\r\n');
    expect(unfolded).toContain('DESCRIPTION:Track: Campaign\\nProgress: 70%\\n\\nLine one\\nLine two\\; with "quotes"\r\n');
    expect(unfolded).toContain('SUMMARY:[at risk] Brussels declaration\r\n');
    expect(unfolded).toContain('SUMMARY:Goal: A treaty banning landmines\r\nDESCRIPTION:The goal date of Landmine ban\r\n');
  });

  it('a non-member cannot export; anonymous cannot export or import', async () => {
    const { app, carol, coalitionId, t } = await setup();
    await expect(t(carol).transfer.exportJson({ coalitionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t(carol).transfer.milestonesCsv({ coalitionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const anon = transferCaller(app, null).transfer;
    await expect(anon.icalendar({ coalitionId })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const before = app.rowCounts();
    await expect(
      anon.importJson({ data: { format: 'coalition-planner/v1', coalition: { name: 'X', goal: 'G', goalDate: '2030-01-01' } } as never }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(app.rowCounts()).toEqual(before);
  });
});

describe('transfer: import', () => {
  it('round trip: export then import into a new coalition keeps the whole plan under new ids', async () => {
    const { app, bob, carol, coalitionId, t } = await setup();
    const file = await t(bob).transfer.exportJson({ coalitionId });
    // Through JSON, as a downloaded file would be.
    const data = JSON.parse(JSON.stringify(file));
    const result = await t(carol).transfer.importJson({ data });
    expect(result).toMatchObject({
      name: 'Landmine ban',
      goal: 'A treaty banning landmines',
      goalDate: '1997-12-03',
      description: 'The Ottawa process',
      role: 'owner',
      imported: { partners: 3, tracks: 2, assignments: 3, milestones: 4, dependencies: 4, bottlenecks: 1, comments: 2, interactions: 0, positionChanges: 0, ...NO_PLAN_SIGNALS },
    });
    expect(result.id).not.toBe(coalitionId);

    const before = picture(app.db, coalitionId);
    const after = picture(app.db, result.id);
    expect(after.partners).toEqual(before.partners);
    expect(after.tracks).toEqual(before.tracks);
    expect(after.assignments).toEqual(before.assignments);
    expect(after.milestones).toEqual(before.milestones);
    expect(after.dependencies).toEqual(before.dependencies);
    expect(after.bottlenecks).toEqual(before.bottlenecks);
    expect(after.comments).toEqual([
      { on: 'milestone:Brussels declaration', body: '(imported, originally by Alice Owner) Draft is out', authorId: carol.id },
      { on: 'bottleneck:Great powers stay out', body: '(imported, originally by Alice Owner) Reframe it', authorId: carol.id },
    ]);

    // No id of the source survives.
    const oldIds = [...file.partners, ...file.tracks, ...file.milestones, ...file.bottlenecks, ...file.comments].map((x) => x.id);
    const newFile = await t(carol).transfer.exportJson({ coalitionId: result.id });
    const newIds = new Set([...newFile.partners, ...newFile.tracks, ...newFile.milestones, ...newFile.bottlenecks, ...newFile.comments].map((x) => x.id));
    for (const id of oldIds) expect(newIds.has(id)).toBe(false);

    // The importer owns it; nobody else is a member; the source is untouched.
    expect(app.db.select().from(memberships).where(eq(memberships.coalitionId, result.id)).all()).toEqual([
      expect.objectContaining({ userId: carol.id, role: 'owner' }),
    ]);
    expect(picture(app.db, coalitionId)).toEqual(before);
    const log = app.db.select().from(activity).where(eq(activity.coalitionId, result.id)).all();
    expect(log.map((a) => a.action)).toEqual(['coalition.imported']);
    expect(log.find((a) => a.action === 'coalition.imported')).toMatchObject({
      actorId: carol.id,
      summary: 'imported the workspace from a file: 3 partners, 2 tracks, 3 assignments, 4 milestones, 4 dependencies, 1 bottleneck, 2 comments',
    });
  });

  it('round trip of every built-in template', async () => {
    const { app, alice, t } = await setup();
    for (const templateId of ['world-summit-2020', 'ottawa-landmines', 'rome-statute'] as const) {
      const source = await alice.caller.coalition.createFromTemplate({ templateId });
      const data = JSON.parse(JSON.stringify(await t(alice).transfer.exportJson({ coalitionId: source.id })));
      expect(data.milestones.length).toBeGreaterThan(5);
      const copy = await t(alice).transfer.importJson({ data, name: `${source.name} (copy)` });
      expect(picture(app.db, copy.id)).toEqual(picture(app.db, source.id));
      const [a, b] = await Promise.all([
        t(alice).transfer.milestonesCsv({ coalitionId: source.id }),
        t(alice).transfer.milestonesCsv({ coalitionId: copy.id }),
      ]);
      // Same rows but for the ids.
      const strip = (csv: string) => csv.split('\r\n').map((line) => line.replace(/^[a-z2-7]{20},/, ''));
      expect(strip(b.content)).toEqual(strip(a.content));
    }
  });

  it(`allows ${IMPORTS_PER_HOUR} imports an hour per person, then refuses with the wait, writing nothing; others are not affected`, async () => {
    const { app, bob, carol, coalitionId, t } = await setup();
    const data = JSON.parse(JSON.stringify(await t(bob).transfer.exportJson({ coalitionId })));
    for (let i = 0; i < IMPORTS_PER_HOUR; i++) await t(carol).transfer.importJson({ data, name: `Copy ${i}` });
    const before = app.rowCounts();
    const refused = await t(carol).transfer.importJson({ data, name: 'One too many' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect((refused as Error).message).toMatch(/10 imports in the last hour.*Try again in \d+ minutes?/);
    expect(app.rowCounts()).toEqual(before);
    await expect(t(bob).transfer.importJson({ data, name: 'Bob’s copy' })).resolves.toMatchObject({ name: 'Bob’s copy' });
  });

  it('takes a new name, and imports the same file twice side by side', async () => {
    const { bob, carol, coalitionId, t } = await setup();
    const data = await t(bob).transfer.exportJson({ coalitionId });
    const a = await t(carol).transfer.importJson({ data, name: 'Copy A' });
    const b = await t(carol).transfer.importJson({ data, name: 'Copy B' });
    expect([a.name, b.name]).toEqual(['Copy A', 'Copy B']);
    const list = await t(carol).transfer.exportJson({ coalitionId: b.id });
    expect(list.milestones).toHaveLength(4);
  });

  it('imports a few thousand rows in chunked inserts', async () => {
    const { carol, t } = await setup();
    const n = 3000;
    const data = {
      format: 'coalition-planner/v1' as const,
      coalition: { name: 'Big', goal: 'G', goalDate: '2030-01-01' },
      partners: Array.from({ length: 1200 }, (_, i) => ({ id: `p${i}`, name: `Partner ${i}`, kind: 'civil_society' as const })),
      tracks: [{ id: 't', name: 'Only track' }],
      milestones: Array.from({ length: n }, (_, i) => ({ id: `m${i}`, title: `Step ${i}`, dueDate: '2029-01-01', trackId: 't', ownerPartnerId: `p${i % 1200}` })),
      // A long chain: each step waits for the one before.
      dependencies: Array.from({ length: n - 1 }, (_, i) => ({ milestoneId: `m${i + 1}`, dependsOnId: `m${i}` })),
    };
    const result = await t(carol).transfer.importJson({ data });
    expect(result.imported).toMatchObject({ partners: 1200, milestones: n, dependencies: n - 1 });
  });

  it('bulk inserts run inside the surrounding transaction (a later failure rolls them back)', async () => {
    const { app, coalitionId } = await setup();
    const before = app.rowCounts();
    const rows = Array.from({ length: 1234 }, (_, i) => ({
      id: newId(),
      coalitionId,
      name: `P${i}`,
      kind: 'media' as const,
      contributions: ['ideas' as const],
      createdAt: NOW,
      updatedAt: NOW,
    }));
    expect(() =>
      app.db.transaction(() => {
        bulkInsert(app.db.$client, partners, rows);
        expect(app.db.$client.prepare('SELECT count(*) AS n FROM partners WHERE coalition_id = ?').get(coalitionId)).toEqual({ n: 1237 });
        throw new Error('later failure');
      }),
    ).toThrow('later failure');
    expect(app.rowCounts()).toEqual(before);
    bulkInsert(app.db.$client, partners, rows.slice(0, 2));
    expect(app.db.$client.prepare('SELECT contributions FROM partners WHERE id = ?').get(rows[0]!.id)).toEqual({ contributions: '["ideas"]' });
  });

  it('refuses a reference to an id not in the file, naming it, and writes nothing', async () => {
    const { app, bob, carol, coalitionId, t } = await setup();
    const data = await t(bob).transfer.exportJson({ coalitionId });
    data.milestones[2]!.trackId = 'no-such-track';
    const before = app.rowCounts();
    const err = await t(carol).transfer.importJson({ data }).catch((e) => e);
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/"no-such-track"/);
    expect(fieldErrorsOf(err.cause)).toHaveProperty(['data.milestones.2.trackId']);
    expect(app.rowCounts()).toEqual(before);
  });

  it('refuses a dependency cycle, naming the milestones, and writes nothing', async () => {
    const { app, bob, carol, coalitionId, ids, t } = await setup();
    const data = await t(bob).transfer.exportJson({ coalitionId });
    data.dependencies.push({ milestoneId: ids.m[0]!, dependsOnId: ids.m[3]!, createdAt: NOW });
    const before = app.rowCounts();
    const err = await t(carol).transfer.importJson({ data }).catch((e) => e);
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/cycle/);
    expect(err.message).toContain('"Ottawa conference"');
    expect(err.message).toContain('"Treaty signed in Ottawa"');
    expect(app.rowCounts()).toEqual(before);
  });

  it('refuses a file that is not valid (strict schema, bounds) with field paths, and writes nothing', async () => {
    const { app, bob, carol, coalitionId, t } = await setup();
    const data = await t(bob).transfer.exportJson({ coalitionId });
    const before = app.rowCounts();
    const bad = { ...data, milestones: data.milestones.map((m, i) => (i === 1 ? { ...m, status: 'finished', sneaky: true } : m)) };
    const err = await t(carol).transfer.importJson({ data: bad as never }).catch((e) => e);
    expect(err.code).toBe('BAD_REQUEST');
    const fields = fieldErrorsOf(err.cause)!;
    expect(Object.keys(fields).some((k) => k.startsWith('data.milestones.1'))).toBe(true);
    const tooMany = { ...data, tracks: Array.from({ length: 101 }, (_, i) => ({ id: `t${i}`, name: `Track ${i}` })) };
    const err2 = await t(carol).transfer.importJson({ data: tooMany as never }).catch((e) => e);
    expect(fieldErrorsOf(err2.cause)!['data.tracks']![0]).toMatch(/At most 100 tracks/);
    expect(app.rowCounts()).toEqual(before);
  });
});

describe('transfer: import preview', () => {
  it('previews what the import creates (same counts), writing nothing and leaving the import quota alone', async () => {
    const { app, bob, carol, coalitionId, t } = await setup();
    const data = JSON.parse(JSON.stringify(await t(bob).transfer.exportJson({ coalitionId })));
    const before = app.rowCounts();
    const counts = { partners: 3, tracks: 2, assignments: 3, milestones: 4, dependencies: 4, bottlenecks: 1, comments: 2, interactions: 0, positionChanges: 0, ...NO_PLAN_SIGNALS };
    // More previews than the import quota allows imports.
    for (let i = 0; i < IMPORTS_PER_HOUR + 2; i++) {
      const preview = await t(carol).transfer.previewImport({ data, name: i === 0 ? 'Carol’s copy' : undefined });
      expect(preview).toMatchObject({ counts, problems: [], source: 'Landmine ban', exportedAt: data.exportedAt });
      expect(preview.coalition).toEqual({ name: i === 0 ? 'Carol’s copy' : 'Landmine ban', goal: 'A treaty banning landmines', goalDate: '1997-12-03', timeZone: 'UTC' });
    }
    expect(app.rowCounts()).toEqual(before);
    // Every import of the quota is still there, and each creates what the preview counted.
    for (let i = 0; i < IMPORTS_PER_HOUR; i++) {
      const result = await t(carol).transfer.importJson({ data, name: `Copy ${i}` });
      expect(result.imported).toEqual(counts);
    }
  });

  it('lists the problems of a file with their paths and messages, writing nothing', async () => {
    const { app, bob, carol, coalitionId, t } = await setup();
    const file = await t(bob).transfer.exportJson({ coalitionId });
    const before = app.rowCounts();

    // A planning problem (a reference to nothing): returned with the file's counts, as importJson names it.
    const dangling = JSON.parse(JSON.stringify(file));
    dangling.milestones[2].trackId = 'no-such-track';
    const preview = await t(carol).transfer.previewImport({ data: dangling });
    expect(preview.counts).toEqual({ partners: 3, tracks: 2, assignments: 3, milestones: 4, dependencies: 4, bottlenecks: 1, comments: 2, interactions: 0, positionChanges: 0, ...NO_PLAN_SIGNALS });
    expect(preview.problems).toEqual([{ path: 'data.milestones.2.trackId', message: expect.stringContaining('"no-such-track"') }]);
    const refused = await t(carol).transfer.importJson({ data: dangling }).catch((e) => e);
    expect(fieldErrorsOf(refused.cause)).toEqual({ [preview.problems[0]!.path]: [preview.problems[0]!.message] });

    // A cycle: one problem on the dependencies, naming the milestones.
    const cyclic = JSON.parse(JSON.stringify(file));
    cyclic.dependencies.push({ milestoneId: cyclic.milestones[0].id, dependsOnId: cyclic.milestones[3].id });
    const cycle = await t(carol).transfer.previewImport({ data: cyclic });
    expect(cycle.problems).toEqual([{ path: 'data.dependencies', message: expect.stringMatching(/cycle.*"Ottawa conference"/s) }]);

    // Schema problems: refused as importJson refuses them, every one under its path.
    const bad = JSON.parse(JSON.stringify(file));
    bad.milestones[1].dueDate = '1997-02-30';
    bad.milestones[3].status = 'finished';
    bad.partners[0].sneaky = true;
    const err = await t(carol).transfer.previewImport({ data: bad }).catch((e) => e);
    expect(err.code).toBe('BAD_REQUEST');
    const fields = fieldErrorsOf(err.cause)!;
    expect(Object.keys(fields).sort()).toEqual(['data.milestones.1.dueDate', 'data.milestones.3.status', 'data.partners.0']);
    for (const messages of Object.values(fields)) expect(messages.join(' ').length).toBeGreaterThan(3);

    // Not an export at all.
    const wrong = await t(carol).transfer.previewImport({ data: { format: 'something/else', coalition: file.coalition } as never }).catch((e) => e);
    expect(fieldErrorsOf(wrong.cause)).toHaveProperty(['data.format'], [expect.stringMatching(/Not a coalition planner export/)]);

    expect(app.rowCounts()).toEqual(before);
  });

  it('refuses anonymous callers, and bounds previews per person on their own (checked before the file is validated)', async () => {
    const { app, bob, carol, coalitionId, t } = await setup();
    const data = JSON.parse(JSON.stringify(await t(bob).transfer.exportJson({ coalitionId })));
    const before = app.rowCounts();
    await expect(transferCaller(app, null).transfer.previewImport({ data })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    for (let i = 0; i < PREVIEW_BURST; i++) await t(carol).transfer.previewImport({ data });
    const refused = await t(carol).transfer.previewImport({ data }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect((refused as Error).message).toMatch(new RegExp(`${PREVIEW_BURST} at once, then ${PREVIEWS_PER_HOUR} an hour.*Try again in 1 minute\\.`));
    // Refused before the file is validated: a broken file gets the same answer.
    await expect(t(carol).transfer.previewImport({ data: { format: 'nope' } as never })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(app.rowCounts()).toEqual(before);
    // Others preview as before; the importer may still import.
    await expect(t(bob).transfer.previewImport({ data })).resolves.toMatchObject({ problems: [] });
    await expect(t(carol).transfer.importJson({ data, name: 'Still allowed' })).resolves.toMatchObject({ name: 'Still allowed' });
  });

  it('round trip keeps each comment’s original author name and date', async () => {
    const { app, bob, carol, coalitionId, t } = await setup();
    const data = JSON.parse(JSON.stringify(await t(bob).transfer.exportJson({ coalitionId })));
    const copy = await t(carol).transfer.importJson({ data });
    const rows = app.db.select().from(comments).where(eq(comments.coalitionId, copy.id)).all().sort((a, b) => a.createdAt - b.createdAt);
    expect(rows.map((c) => [c.body, c.createdAt])).toEqual([
      ['(imported, originally by Alice Owner) Draft is out', NOW + 1],
      ['(imported, originally by Alice Owner) Reframe it', NOW + 2],
    ]);
  });
});

describe('transfer: forecast ranges, threshold milestones, baselines and slips', () => {
  type File = Awaited<ReturnType<ReturnType<typeof transferCaller>['transfer']['exportJson']>>;

  /**
   * Alice (the owner) gives one milestone a forecast range, adds a threshold milestone (two
   * ratifications among three eligible partners, met on 2020-04-01, so done that day), saves a
   * baseline and moves a due date past it with a reason (a slip).
   */
  async function withSignals() {
    const s = await setup();
    const { alice, coalitionId, ids } = s;
    const c = { coalitionId };
    const brussels = await alice.caller.milestone.update({ ...c, milestoneId: ids.m[1]!, version: 1, estimateOptimistic: '1997-06-01', estimateLikely: '1997-07-15', estimatePessimistic: '1997-09-30' });
    expect(brussels.estimateLikely).toBe('1997-07-15');
    const forty = await alice.caller.milestone.create({ ...c, title: 'Two ratifications', dueDate: '2020-06-01', thresholdAct: 'ratified', threshold: 2 });
    await alice.caller.threshold.setEligible({ ...c, milestoneId: forty.id, partnerIds: [ids.p[0]!, ids.p[1]!, ids.p[2]!] });
    await alice.caller.threshold.recordAct({ ...c, milestoneId: forty.id, partnerId: ids.p[0]!, act: 'ratified', actedOn: '2020-03-01', note: 'The first' });
    await alice.caller.threshold.recordAct({ ...c, milestoneId: forty.id, partnerId: ids.p[1]!, act: 'signed', actedOn: '2020-02-01' });
    await alice.caller.threshold.recordAct({ ...c, milestoneId: forty.id, partnerId: ids.p[2]!, act: 'ratified', actedOn: '2020-04-01' });
    await alice.caller.baseline.create({ ...c, name: 'Ottawa plan' });
    await alice.caller.milestone.update({ ...c, milestoneId: ids.m[3]!, version: 1, dueDate: '1997-12-20', slipReason: 'Late signatures' });
    return { ...s, fortyId: forty.id };
  }

  /** The file's milestones and the new sections with every id replaced by what it names (what must survive a round trip). */
  function signals(file: File) {
    const label = new Map<string, string>([
      ...file.partners.map((p) => [p.id, `partner ${p.name}`] as const),
      ...file.tracks.map((t) => [t.id, `track ${t.name}`] as const),
      ...file.milestones.map((m) => [m.id, `milestone ${m.title}`] as const),
      ...file.baselines.map((b) => [b.id, `baseline ${b.name}`] as const),
    ]);
    const l = (id: string | null) => (id === null ? null : (label.get(id) ?? `unknown ${id}`));
    return {
      milestones: file.milestones.map((m) => ({ ...m, id: l(m.id), trackId: l(m.trackId), ownerPartnerId: l(m.ownerPartnerId) })),
      eligiblePartners: file.eligiblePartners.map((e) => ({ milestoneId: l(e.milestoneId), partnerId: l(e.partnerId) })),
      partnerActs: file.partnerActs.map((a) => ({ ...a, milestoneId: l(a.milestoneId), partnerId: l(a.partnerId) })),
      baselines: file.baselines.map((b) => ({ ...b, id: l(b.id) })),
      baselineDates: file.baselineDates.map((d) => ({ ...d, baselineId: l(d.baselineId), milestoneId: l(d.milestoneId) })),
      slips: file.slips.map((x) => ({ ...x, milestoneId: l(x.milestoneId), baselineId: l(x.baselineId) })),
    };
  }

  it('round trip: the ranges, the threshold with its eligible partners and acts, the baseline with its dates and the slip, members by email', async () => {
    const { app, alice, coalitionId, fortyId, t } = await withSignals();
    const file: File = JSON.parse(JSON.stringify(await t(alice).transfer.exportJson({ coalitionId })));
    const alicesEmail = alice.email.toLowerCase();
    expect(file.milestones.find((m) => m.title === 'Brussels declaration')).toMatchObject({ estimateOptimistic: '1997-06-01', estimateLikely: '1997-07-15', estimatePessimistic: '1997-09-30', thresholdAct: null, threshold: null });
    expect(file.milestones.find((m) => m.id === fortyId)).toMatchObject({ thresholdAct: 'ratified', threshold: 2, status: 'done', progress: 100, completedOn: '2020-04-01', estimateLikely: null });
    expect(file.eligiblePartners).toHaveLength(3);
    expect(file.partnerActs.map((a) => [a.act, a.actedOn, a.note, a.authorEmail])).toEqual([
      ['signed', '2020-02-01', '', alicesEmail],
      ['ratified', '2020-03-01', 'The first', alicesEmail],
      ['ratified', '2020-04-01', '', alicesEmail],
    ]);
    expect(file.baselines).toEqual([{ id: expect.any(String), name: 'Ottawa plan', createdByEmail: alicesEmail, createdAt: expect.any(Number) }]);
    expect(file.baselineDates).toHaveLength(5);
    expect(file.slips).toEqual([
      { milestoneId: file.milestones.find((m) => m.title === 'Treaty signed in Ottawa')!.id, baselineId: file.baselines[0]!.id, fromDue: '1997-12-03', toDue: '1997-12-20', reason: 'Late signatures', authorEmail: alicesEmail, createdAt: expect.any(Number) },
    ]);
    expect(JSON.stringify(file)).not.toContain(alice.id);

    // Alice imports her own file: a member of the new coalition, she stays the author of each.
    const copy = await t(alice).transfer.importJson({ data: file, name: 'Copy' });
    expect(copy.imported).toMatchObject({ milestones: 5, eligiblePartners: 3, partnerActs: 3, baselines: 1, baselineDates: 5, slips: 1 });
    const again: File = JSON.parse(JSON.stringify(await t(alice).transfer.exportJson({ coalitionId: copy.id })));
    expect(signals(again)).toEqual(signals(file));
    expect(new Set(again.baselines.map((b) => b.id)).has(file.baselines[0]!.id)).toBe(false);
    // The copy's board counts the acts as the original's does.
    const copyForty = again.milestones.find((m) => m.title === 'Two ratifications')!.id;
    const [board, copyBoard] = await Promise.all([
      alice.caller.threshold.board({ coalitionId, milestoneId: fortyId }),
      alice.caller.threshold.board({ coalitionId: copy.id, milestoneId: copyForty }),
    ]);
    expect(copyBoard.progress).toEqual(board.progress);
    const log = app.db.select().from(activity).where(eq(activity.coalitionId, copy.id)).all();
    expect(log.map((a) => a.summary)).toEqual([
      'imported the workspace from a file: 3 partners, 2 tracks, 3 assignments, 5 milestones, 4 dependencies, 1 bottleneck, 2 comments, 3 eligible partners, 3 partner acts, 1 baseline, 5 baseline dates, 1 slip',
    ]);

    // An old file (before these sections and fields) still imports, with none of them.
    const old = JSON.parse(JSON.stringify(file));
    for (const key of ['eligiblePartners', 'partnerActs', 'baselines', 'baselineDates', 'slips']) delete old[key];
    for (const m of old.milestones) for (const key of ['estimateOptimistic', 'estimateLikely', 'estimatePessimistic', 'thresholdAct', 'threshold']) delete m[key];
    const plain = await t(alice).transfer.importJson({ data: old, name: 'Old file' });
    expect(plain.imported).toMatchObject({ milestones: 5, ...NO_PLAN_SIGNALS });
    const plainRows = app.db.select().from(milestones).where(eq(milestones.coalitionId, plain.id)).all();
    expect(plainRows.every((m) => m.estimateLikely === null && m.thresholdAct === null)).toBe(true);
  });

  it('recounts an imported threshold milestone from its acts; members the new coalition lacks become nobody', async () => {
    const { app, alice, carol, coalitionId, fortyId, t } = await withSignals();
    const file: File = JSON.parse(JSON.stringify(await t(alice).transfer.exportJson({ coalitionId })));
    // The file says the milestone has not started; its acts say the threshold was met on 2020-04-01.
    const i = file.milestones.findIndex((m) => m.id === fortyId);
    Object.assign(file.milestones[i]!, { status: 'planned', progress: 0, completedOn: null });
    const copy = await t(carol).transfer.importJson({ data: file });
    const row = app.db.select().from(milestones).where(eq(milestones.coalitionId, copy.id)).all().find((m) => m.title === 'Two ratifications')!;
    expect(row).toMatchObject({ thresholdAct: 'ratified', threshold: 2, status: 'done', progress: 100, completedOn: '2020-04-01' });
    // One short of the threshold: in progress at half.
    const short = JSON.parse(JSON.stringify(file));
    short.partnerActs = short.partnerActs.filter((a: { actedOn: string }) => a.actedOn !== '2020-04-01');
    const half = await t(carol).transfer.importJson({ data: short, name: 'Short' });
    expect(app.db.select().from(milestones).where(eq(milestones.coalitionId, half.id)).all().find((m) => m.title === 'Two ratifications')).toMatchObject({ status: 'in_progress', progress: 50, completedOn: null });
    // Carol is the new coalition's only member: Alice's acts, baseline and slip have no author there.
    expect(app.db.select().from(partnerActs).where(eq(partnerActs.coalitionId, copy.id)).all().map((a) => a.authorId)).toEqual([null, null, null]);
    expect(app.db.select().from(baselines).where(eq(baselines.coalitionId, copy.id)).get()).toMatchObject({ name: 'Ottawa plan', createdBy: null });
    expect(app.db.select().from(slips).where(eq(slips.coalitionId, copy.id)).get()).toMatchObject({ reason: 'Late signatures', authorId: null });
  });

  it('refuses a bad forecast range, an act of a partner that is not eligible and a slip against an unknown baseline, naming them, writing nothing', async () => {
    const { app, alice, carol, coalitionId, t } = await withSignals();
    const file: File = JSON.parse(JSON.stringify(await t(alice).transfer.exportJson({ coalitionId })));
    const before = app.rowCounts();
    const refusal = async (data: File) => {
      const err = await t(carol).transfer.importJson({ data }).catch((e) => e);
      expect(err.code).toBe('BAD_REQUEST');
      const preview = await t(carol).transfer.previewImport({ data });
      expect(fieldErrorsOf(err.cause)).toEqual(Object.fromEntries(preview.problems.map((p) => [p.path, [p.message]])));
      return fieldErrorsOf(err.cause)!;
    };

    const badRange: File = JSON.parse(JSON.stringify(file));
    const b = badRange.milestones.findIndex((m) => m.title === 'Brussels declaration');
    badRange.milestones[b]!.estimatePessimistic = '1997-07-01';
    expect(await refusal(badRange)).toEqual({ [`data.milestones.${b}.estimatePessimistic`]: ['Milestone "Brussels declaration": The pessimistic date cannot be before the likely one'] });

    const notEligible: File = JSON.parse(JSON.stringify(file));
    const icrc = notEligible.partners.find((p) => p.name === 'ICRC')!.id;
    notEligible.eligiblePartners = notEligible.eligiblePartners.filter((e) => e.partnerId !== icrc);
    const a = notEligible.partnerActs.findIndex((x) => x.partnerId === icrc);
    expect(await refusal(notEligible)).toEqual({ [`data.partnerActs.${a}.partnerId`]: ['"ICRC" has an act toward the milestone "Two ratifications" but is not one of its eligible partners'] });

    const dangling: File = JSON.parse(JSON.stringify(file));
    dangling.slips[0]!.baselineId = 'no-such-baseline';
    expect(await refusal(dangling)).toEqual({ 'data.slips.0.baselineId': [expect.stringContaining('the baseline "no-such-baseline", which is not in the file')] });

    expect(app.rowCounts()).toEqual(before);
  });
});
