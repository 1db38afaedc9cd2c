import { describe, expect, it, vi } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  activity,
  bottlenecks,
  coalitions,
  memberships,
  milestoneDependencies,
  milestones,
  newId,
  partnerActs,
  partners,
  thresholdEligible,
  trackAssignments,
  tracks,
} from '@coalition/db';
import { addDays, daysBetween, findAnyCycle, PARTNER_KINDS } from '@coalition/domain';
import { instantiateTemplate } from '../../packages/api/src/services/templates.ts';
import {
  checkTemplate,
  getTemplate,
  SOURCE_BASES,
  templateAsFile,
  templateShiftDays,
  TEMPLATE_IDS,
  TEMPLATES,
  type CoalitionTemplate,
} from '../../packages/api/src/templates/index.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

/** Dependencies deliberately due after the milestone waiting for them (to show the schedule flag). */
const INTENDED_LATE_DEPENDENCIES: Record<string, string[]> = {
  'world-summit-2020': ['reform-package|tf-todo'],
};

function countsFor(app: TestApp, coalitionId: string) {
  const n = (table: SQLiteTable & { coalitionId: SQLiteColumn }) =>
    app.db.select({ n: count() }).from(table).where(eq(table.coalitionId, coalitionId)).get()!.n;
  return {
    partners: n(partners),
    tracks: n(tracks),
    assignments: n(trackAssignments),
    milestones: n(milestones),
    dependencies: n(milestoneDependencies),
    bottlenecks: n(bottlenecks),
    memberships: n(memberships),
    activity: n(activity),
  };
}

function declaredCounts(t: CoalitionTemplate) {
  return {
    partners: t.partners.length,
    tracks: t.tracks.length,
    assignments: t.assignments.length,
    milestones: t.milestones.length,
    dependencies: t.dependencies.length,
    bottlenecks: t.bottlenecks.length,
    memberships: 1,
    activity: 1,
  };
}

describe('template content', () => {
  it('lists the three templates under their ids', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    for (const id of TEMPLATE_IDS) expect(getTemplate(id).id).toBe(id);
  });

  for (const t of TEMPLATES) {
    describe(t.id, () => {
      it('is internally consistent and acyclic', () => {
        expect(checkTemplate(t)).toEqual([]);
      });

      it('has the declared size', () => {
        expect(t.partners.length).toBeGreaterThanOrEqual(15);
        expect(t.partners.length).toBeLessThanOrEqual(30);
        expect(t.tracks.length).toBeGreaterThanOrEqual(4);
        expect(t.tracks.length).toBeLessThanOrEqual(7);
        expect(t.milestones.length).toBeGreaterThanOrEqual(25);
        expect(t.milestones.length).toBeLessThanOrEqual(45);
        expect(t.dependencies.length).toBeGreaterThanOrEqual(10);
        expect(t.bottlenecks.length).toBeGreaterThanOrEqual(3);
        expect(t.bottlenecks.length).toBeLessThanOrEqual(6);
        expect(t.summary).not.toMatch(/\n/);
        expect(t.summary.length).toBeLessThanOrEqual(200);
        expect(t.description.length).toBeGreaterThan(400);
        for (const b of t.bottlenecks) expect(b.narrative.length).toBeGreaterThan(40);
      });

      it('has unique names and titles, so rows can be traced back to the template', () => {
        expect(new Set(t.partners.map((p) => p.name)).size).toBe(t.partners.length);
        expect(new Set(t.tracks.map((x) => x.name)).size).toBe(t.tracks.length);
        expect(new Set(t.milestones.map((m) => m.title)).size).toBe(t.milestones.length);
      });

      it('describes the plan as of a day: nothing completed or committed after it', () => {
        const asOf = t.asOf ?? t.goalDate;
        expect(asOf <= t.goalDate).toBe(true);
        for (const m of t.milestones) {
          if (m.completedOn) expect(m.completedOn <= asOf, m.key).toBe(true);
          if (m.completedOn) expect(m.completedOn <= m.dueDate || m.status === 'done', m.key).toBe(true);
          expect(m.dueDate <= t.goalDate, `${m.key} due after the goal`).toBe(true);
        }
        for (const p of t.partners) if (p.committedOn) expect(p.committedOn <= asOf, p.key).toBe(true);
        // Momentum has history: commitments spread over several days, milestones done over several years.
        expect(new Set(t.partners.map((p) => p.committedOn).filter(Boolean)).size).toBeGreaterThanOrEqual(5);
        expect(new Set(t.milestones.map((m) => m.completedOn?.slice(0, 4)).filter(Boolean)).size).toBeGreaterThanOrEqual(3);
      });

      it('waits only for milestones due earlier, except the deliberate late dependency', () => {
        const due = new Map(t.milestones.map((m) => [m.key, m.dueDate]));
        const late = t.dependencies
          .filter(([m, dep]) => due.get(dep)! > due.get(m)!)
          .map(([m, dep]) => `${m}|${dep}`);
        expect(late).toEqual(INTENDED_LATE_DEPENDENCIES[t.id] ?? []);
      });

      it('has a coalition-wide goal milestone due on the goal date that the dependency chains reach', () => {
        const goal = t.milestones.find((m) => m.track === null && m.dueDate === t.goalDate);
        expect(goal).toBeDefined();
        // Walk back from the goal: most milestones feed it through a chain.
        const waitsFor = new Map<string, string[]>();
        for (const [m, dep] of t.dependencies) waitsFor.set(m, [...(waitsFor.get(m) ?? []), dep]);
        const reached = new Set<string>();
        const stack = [goal!.key];
        while (stack.length) {
          const k = stack.pop()!;
          for (const dep of waitsFor.get(k) ?? []) {
            if (reached.has(dep)) continue;
            reached.add(dep);
            stack.push(dep);
          }
        }
        expect(reached.size).toBeGreaterThanOrEqual(5);
      });

      it('gives each track a lead, except one deliberately leaderless track in the World Summit plan', () => {
        const leaderless = t.tracks
          .filter((x) => !t.assignments.some((a) => a.track === x.key && a.role === 'lead'))
          .map((x) => x.key);
        expect(leaderless).toEqual(t.id === 'world-summit-2020' ? ['cyber'] : []);
        for (const x of t.tracks) {
          const leads = t.assignments.filter((a) => a.track === x.key && (a.role === 'lead' || a.role === 'co_lead'));
          expect(leads.length, x.key).toBeLessThanOrEqual(2);
        }
      });
    });
  }

  it('the World Summit plan mixes every kind of partner and every engagement stage, with a realistic status mix', () => {
    const t = getTemplate('world-summit-2020');
    expect(new Set(t.partners.map((p) => p.kind))).toEqual(new Set(PARTNER_KINDS));
    expect(new Set(t.partners.map((p) => p.stage))).toEqual(
      new Set(['identified', 'approached', 'in_dialogue', 'committed', 'champion']),
    );
    const statuses = new Set(t.milestones.map((m) => m.status));
    for (const s of ['done', 'in_progress', 'at_risk', 'blocked', 'planned', 'dropped'] as const) expect(statuses).toContain(s);
    const summit = t.milestones.find((m) => m.key === 'summit')!;
    expect(summit).toMatchObject({ track: null, dueDate: '2020-09-21', status: 'planned' });
    expect(t.milestones.find((m) => m.key === 'report-hague')).toMatchObject({ completedOn: '2015-06-16', status: 'done' });
  });

  it('keeps the key historical dates of the campaigns', () => {
    const ottawa = getTemplate('ottawa-landmines');
    const due = (t: CoalitionTemplate, key: string) => t.milestones.find((m) => m.key === key)?.dueDate;
    expect(due(ottawa, 'ottawa-conference')).toBe('1996-10-05');
    expect(due(ottawa, 'oslo')).toBe('1997-09-18');
    expect(due(ottawa, 'signing')).toBe('1997-12-04');
    expect(due(ottawa, 'fortieth')).toBe('1998-09-16');
    expect(due(ottawa, 'entry-into-force')).toBe('1999-03-01');
    const rome = getTemplate('rome-statute');
    expect(due(rome, 'statute-adopted')).toBe('1998-07-17');
    expect(due(rome, 'sixtieth')).toBe('2002-04-11');
    expect(due(rome, 'entry-into-force')).toBe('2002-07-01');
    expect(due(ottawa, 'unga-resolution')).toBe('1996-12-10');
    expect(ottawa.milestones.find((m) => m.key === 'signing')).toMatchObject({ startDate: '1997-12-03', dueDate: '1997-12-04' });
  });

  it('keeps the World Summit facts checked against public sources', () => {
    const t = getTemplate('world-summit-2020');
    const m = (key: string) => t.milestones.find((x) => x.key === key)!;
    // A/RES/73/299 was adopted on 14 June 2019 (not an approximate first of June).
    expect(m('modalities')).toMatchObject({ dueDate: '2019-06-14', completedOn: '2019-06-14', source: { basis: 'exact' } });
    // The People's Forum was scheduled for 23–24 April 2020 (held online 14–15 May), not Charter Day.
    expect(m('peoples-forum')).toMatchObject({ dueDate: '2020-04-24', status: 'planned' });
    expect(m('peoples-forum').source.historical).toMatch(/23–24 Apr 2020.*14–15 May 2020/);
    // Together First: the supported date is UNA-UK's launch announcement, and the data says so.
    expect(m('together-first')).toMatchObject({ dueDate: '2018-11-08', completedOn: '2018-11-08' });
    expect(m('together-first').source.historical).toMatch(/announced 8 Nov 2018.*Paris Peace Forum on 12 Nov 2018/);
    // The Hague Institute closed in April 2018: not a partner, owner or track member of a late-2019 plan.
    expect(t.partners.map((p) => p.key)).not.toContain('hague-institute');
    expect(t.milestones.map((x) => x.owner)).not.toContain('hague-institute');
    expect(t.assignments.map((a) => a.partner)).not.toContain('hague-institute');
    expect(t.bottlenecks.find((b) => b.title === 'The Hague co-convener has closed')).toMatchObject({ status: 'resolved' });
    // The goal is named after what took place; the World Conference is the stated aspiration.
    expect(m('summit').title).toMatch(/^UN75 high-level meeting/);
    expect(m('summit').description).toMatch(/World Conference on Global Institutions/);
    expect(t.goal).toMatch(/high-level meeting/);
    expect(t.goal).not.toMatch(/World Summit/);
  });

  it('names the UN Secretary-General, not the Office of Legal Affairs, as the Rome Statute depositary', () => {
    const rome = getTemplate('rome-statute');
    const ola = rome.partners.find((p) => p.key === 'un-ola')!;
    expect(ola.notes).toMatch(/depositary, the UN Secretary-General/);
    expect(ola.notes).not.toMatch(/depositary of ratifications/);
    expect(rome.description).toMatch(/depositary, the UN Secretary-General/);
  });

  it('the checker reports broken references, bad values and cycles', () => {
    const t = structuredClone(getTemplate('ottawa-landmines'));
    t.dependencies.push(['icbl-founded', 'london-conference']); // london waits for icbl: now a cycle
    t.dependencies.push(['oslo', 'no-such-milestone']);
    t.assignments.push({ partner: 'nobody', track: 'diplomacy', role: 'lead' });
    t.milestones[0]!.progress = 101;
    t.milestones[1]!.startDate = '1999-01-01';
    t.milestones[2]!.completedOn = undefined;
    t.milestones[3]!.dueDate = '1998-02-30';
    const problems = checkTemplate(t).join('\n');
    expect(problems).toMatch(/dependency cycle: .*icbl-founded/);
    expect(problems).toMatch(/unknown milestone "no-such-milestone"/);
    expect(problems).toMatch(/unknown partner "nobody"/);
    expect(problems).toMatch(/progress 101/);
    expect(problems).toMatch(/the start date must be on or before the due date/);
    expect(problems).toMatch(/done without completedOn/);
    expect(problems).toMatch(/invalid date "1998-02-30"/);
    // Threshold data: eligible partners that exist, acts of eligible partners only, and a met count completes the milestone that day.
    const fortieth = t.milestones.find((m) => m.key === 'fortieth')!;
    fortieth.threshold!.eligible.push('nobody');
    fortieth.threshold!.acts.push({ ...fortieth.threshold!.acts[0]!, partner: 'icbl' });
    fortieth.threshold!.count = 2;
    const more = checkTemplate(t).join('\n');
    expect(more).toMatch(/unknown eligible partner "nobody"/);
    expect(more).toMatch(/act icbl\/signed: partner is not eligible/);
    expect(more).toMatch(/milestone fortieth threshold: met on 1998-06-09, so the milestone is done on that day/);
    const edges = (pairs: [string, string][]) => pairs.map(([milestoneId, dependsOnId]) => ({ milestoneId, dependsOnId }));
    expect(findAnyCycle(edges([['a', 'b'], ['b', 'c'], ['c', 'a']]))).toEqual(['a', 'b', 'c', 'a']);
    expect(findAnyCycle(edges([['a', 'b'], ['a', 'c'], ['b', 'c']]))).toBeNull();
  });
});

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH = `(?:${MONTHS.join('|')}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[.]?)`;
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';

/**
 * The calendar facts a text states: years (19xx/20xx), month names, and days of a month
 * ("2–13 December", "December 2", "12 Nov"), each as a comparable string.
 */
function statedDates(text: string): { years: string[]; months: string[]; days: string[] } {
  const monthName = (m: string) => MONTHS.find((full) => full.startsWith(m.replace('.', '').slice(0, 3)))!;
  const days: string[] = [];
  for (const match of text.matchAll(new RegExp(`\\b(${DAY})(?:\\s*[–-]\\s*(${DAY}))?\\s+(${MONTH})(?![a-z])`, 'g'))) {
    for (const d of [match[1], match[2]]) if (d) days.push(`${parseInt(d, 10)} ${monthName(match[3]!)}`);
  }
  for (const match of text.matchAll(new RegExp(`\\b(${MONTH})\\s+(${DAY})\\b`, 'g'))) days.push(`${parseInt(match[2]!, 10)} ${monthName(match[1]!)}`);
  return {
    years: [...text.matchAll(/\b(?:19|20)\d{2}s?\b/g)].map((x) => x[0].slice(0, 4)),
    // Abbreviations only count next to a day ("12 Nov"): "Jan" is also a name.
    months: [...text.matchAll(new RegExp(`\\b(?:${MONTHS.join('|')})\\b`, 'g'))].map((x) => x[0]),
    days,
  };
}

/** Texts that state a year, month or day that none of the item's own dates has. */
function contradictions(where: string, texts: (string | null | undefined)[], ownDates: (string | null | undefined)[]): string[] {
  const own = ownDates.filter((d): d is string => !!d);
  const years = new Set(own.map((d) => d.slice(0, 4)));
  const months = new Set(own.map((d) => MONTHS[Number(d.slice(5, 7)) - 1]!));
  const days = new Set(own.map((d) => `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]}`));
  const found: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    const stated = statedDates(text);
    const wrong = [...stated.years.filter((y) => !years.has(y)), ...stated.months.filter((m) => !months.has(m)), ...stated.days.filter((d) => !days.has(d))];
    if (wrong.length) found.push(`${where}: “${text}” states ${wrong.join(', ')}`);
  }
  return found;
}

/** Every text of a re-based plan checked against the dates of the row it belongs to. */
function rebasedContradictions(template: CoalitionTemplate, goalDate: string): string[] {
  const file = templateAsFile(template, goalDate);
  const c = file.coalition;
  return [
    ...contradictions('coalition', [c.name, c.goal, c.description], [c.goalDate]),
    ...file.partners.flatMap((p) => contradictions(`partner ${p.id}`, [p.name, p.contact, p.notes], [p.committedOn])),
    ...file.tracks.flatMap((x) => contradictions(`track ${x.id}`, [x.name, x.objective], [])),
    ...file.milestones.flatMap((m) => contradictions(`milestone ${m.id}`, [m.title, m.description], [m.startDate, m.dueDate, m.completedOn])),
    ...file.bottlenecks.flatMap((b) => contradictions(`bottleneck ${b.id}`, [b.title, b.description, b.narrative], [])),
  ];
}

describe('template dates and their sources', () => {
  it('the date finder sees years, month names and day–month dates, and accepts a row’s own dates', () => {
    expect(statedDates('COP25 (Madrid, 2–13 December 2019): push for higher ambition in 2020')).toEqual({
      years: ['2019', '2020'],
      months: ['December'],
      days: ['2 December', '13 December'],
    });
    expect(statedDates('Announced on 24 Oct., held on May 3rd; the 1990s; mid-2000; Jan Eliasson')).toEqual({
      years: ['1990', '2000'],
      months: ['May'],
      days: ['24 October', '3 May'],
    });
    // Names and numbers that are not dates.
    expect(statedDates('UN2020, G20+, COP25, UN75, Resolution 1325 at 20, A/RES/73/299, 120 votes to 7, a 12-month deferral')).toEqual({
      years: [],
      months: [],
      days: [],
    });
    expect(contradictions('m', ['Signed on 3–4 December 1997'], ['1997-12-03', '1997-12-04'])).toEqual([]);
    expect(contradictions('m', ['Signed on 3–4 December 1997'], ['2024-12-03', '2024-12-04'])).toEqual(['m: “Signed on 3–4 December 1997” states 1997']);
    expect(contradictions('m', ['Due 13 December'], ['2019-12-14'])).toEqual(['m: “Due 13 December” states 13 December']);
  });

  for (const t of TEMPLATES) {
    describe(t.id, () => {
      // Re-based to today (as "start today" does), to a few days later, a year earlier and decades ahead.
      const today = new Date().toISOString().slice(0, 10);
      const goals = [addDays(t.goalDate, daysBetween(t.asOf ?? t.goalDate, today)), addDays(t.goalDate, 45), addDays(t.goalDate, -400), addDays(t.goalDate, 12_345)];
      it('states no year, month or date in any name, title, note or description that contradicts the re-based dates', () => {
        for (const goalDate of goals) expect(rebasedContradictions(t, goalDate), `re-based to ${goalDate}`).toEqual([]);
      });

      it('keeps a source (web address, citation, historical date) for every dated item', () => {
        const dated = [
          { where: 'goal', source: t.goalSource },
          ...t.partners.filter((p) => p.committedOn).map((p) => ({ where: `partner ${p.key}`, source: p.source })),
          ...t.milestones.map((m) => ({ where: `milestone ${m.key}`, source: m.source })),
        ];
        expect(dated.length).toBeGreaterThan(t.milestones.length);
        for (const { where, source } of dated) {
          expect(source, where).toBeDefined();
          expect(source!.citation.trim().length, where).toBeGreaterThan(10);
          expect(source!.url, where).toMatch(/^https?:\/\/[^\s/]+\.[^\s]+$/);
          expect(source!.historical.trim(), where).not.toBe('');
          expect(SOURCE_BASES, where).toContain(source!.basis);
        }
        // Historical events say when they happened; only the coalition's own steps are illustrative.
        const done = t.milestones.filter((m) => m.status === 'done');
        expect(done.filter((m) => m.source.basis !== 'illustrative').length).toBeGreaterThan(done.length / 2);
      });
    });
  }

  it('the checks fail on the faults they guard against', () => {
    const t = structuredClone(getTemplate('world-summit-2020'));
    const cop25 = t.milestones.find((m) => m.key === 'cop25')!;
    cop25.title = 'COP25 (Madrid, 2–13 December 2019): push for higher ambition in 2020';
    expect(rebasedContradictions(t, t.goalDate)).toEqual([expect.stringMatching(/^milestone cop25: .* states 2020, 2 December$/)]);
    expect(rebasedContradictions(t, '2027-09-20')).toEqual([expect.stringMatching(/^milestone cop25: .* states 2019, 2020, 2 December, 13 December$/)]);
    (cop25 as { source?: unknown }).source = undefined;
    t.milestones.find((m) => m.key === 'paris')!.source.url = 'unfccc.int';
    const problems = checkTemplate(t).join('\n');
    expect(problems).toMatch(/milestone cop25: dated but without a source/);
    expect(problems).toMatch(/milestone paris: source url "unfccc.int" is not a web address/);
  });
});

describe('coalition.createFromTemplate', () => {
  it('lists the templates with their counts for anyone', async () => {
    const app = createTestApp();
    const list = await app.anonymous.coalition.templates();
    expect(list.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    const ws = list.find((t) => t.id === 'world-summit-2020')!;
    const t = getTemplate('world-summit-2020');
    expect(ws.counts).toEqual({ partners: t.partners.length, tracks: t.tracks.length, milestones: t.milestones.length });
  });

  for (const template of TEMPLATES) {
    it(`creates ${template.id} with every declared row in one transaction, fast`, async () => {
      const app = createTestApp();
      const alice = await app.signUp('Alice');
      const spy = vi.spyOn(app.db, 'transaction');
      const created = await alice.caller.coalition.createFromTemplate({ templateId: template.id });
      expect(spy).toHaveBeenCalledTimes(1);
      spy.mockRestore();
      expect(created).toMatchObject({ name: template.name, goal: template.goal, goalDate: template.goalDate, role: 'owner', template: template.id });
      expect(countsFor(app, created.id)).toEqual(declaredCounts(template));
      const members = app.db.select().from(memberships).where(eq(memberships.coalitionId, created.id)).all();
      expect(members).toEqual([expect.objectContaining({ userId: alice.id, role: 'owner' })]);

      // Tracks keep the template's order; the goal milestone is coalition-wide.
      const trackRows = app.db.select().from(tracks).where(eq(tracks.coalitionId, created.id)).orderBy(tracks.position).all();
      expect(trackRows.map((x) => x.name)).toEqual(template.tracks.map((x) => x.name));
      expect(trackRows.map((x) => x.position)).toEqual(template.tracks.map((_, i) => i));
      const goal = app.db
        .select()
        .from(milestones)
        .where(and(eq(milestones.coalitionId, created.id), eq(milestones.dueDate, template.goalDate)))
        .all()
        .filter((m) => m.trackId === null);
      expect(goal.length).toBeGreaterThanOrEqual(1);

      // Owners and dependencies point at rows of this coalition.
      const partnerIds = new Set(
        app.db.select({ id: partners.id }).from(partners).where(eq(partners.coalitionId, created.id)).all().map((p) => p.id),
      );
      const milestoneRows = app.db.select().from(milestones).where(eq(milestones.coalitionId, created.id)).all();
      for (const m of milestoneRows) if (m.ownerPartnerId) expect(partnerIds.has(m.ownerPartnerId)).toBe(true);
      const ids = new Set(milestoneRows.map((m) => m.id));
      for (const d of app.db.select().from(milestoneDependencies).where(eq(milestoneDependencies.coalitionId, created.id)).all()) {
        expect(ids.has(d.milestoneId) && ids.has(d.dependsOnId)).toBe(true);
      }
      // Ids are fresh random ids, and the whole plan is readable through the router.
      for (const id of ids) expect(id).toMatch(/^[a-z2-7]{20}$/);
      const listed = (await alice.caller.coalition.list()).find((c) => c.id === created.id);
      expect(listed).toMatchObject({
        id: created.id,
        partnerCount: template.partners.length,
        trackCount: template.tracks.length,
        // The roll-up's counts: dropped milestones are shown apart.
        progress: {
          milestoneCount: template.milestones.filter((m) => m.status !== 'dropped').length,
          doneCount: template.milestones.filter((m) => m.status === 'done').length,
          droppedCount: template.milestones.filter((m) => m.status === 'dropped').length,
        },
      });
    });
  }

  it('stores the World Summit plan with its leaderless cyber track and its contributions', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const { id } = await alice.caller.coalition.createFromTemplate({ templateId: 'world-summit-2020', name: 'My summit' });
    const coalition = app.db.select().from(coalitions).where(eq(coalitions.id, id)).get()!;
    expect(coalition.name).toBe('My summit');
    const cyber = app.db.select().from(tracks).where(and(eq(tracks.coalitionId, id), eq(tracks.name, 'Cyber governance'))).get()!;
    const roles = app.db.select().from(trackAssignments).where(eq(trackAssignments.trackId, cyber.id)).all().map((a) => a.role);
    expect(roles.length).toBeGreaterThan(0);
    expect(roles).not.toContain('lead');
    const stimson = app.db.select().from(partners).where(and(eq(partners.coalitionId, id), eq(partners.name, 'Stimson Center'))).get()!;
    expect(stimson).toMatchObject({ kind: 'academia', stage: 'champion', committedOn: '2014-11-21', influence: 4, interest: 5 });
    expect(stimson.contributions).toEqual(['ideas', 'networks', 'resources']);
    const veto = app.db
      .select()
      .from(bottlenecks)
      .where(and(eq(bottlenecks.coalitionId, id), eq(bottlenecks.title, 'Security Council reform is a veto deadlock')))
      .get()!;
    expect(veto.narrative).toMatch(/fit for its 75th/);
    expect(veto.trackId).not.toBeNull();
    expect(veto.milestoneId).not.toBeNull();
  });

  it('shifts every date by the same number of days toward a new goal date', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const template = getTemplate('ottawa-landmines');
    const goalDate = '2026-03-01';
    const delta = daysBetween(template.goalDate, goalDate);
    expect(delta).toBe(9862); // 27 years, 7 of them with a 29 February in the range
    expect(templateShiftDays(template, goalDate)).toBe(delta);
    const { id, goalDate: stored } = await alice.caller.coalition.createFromTemplate({ templateId: template.id, goalDate });
    expect(stored).toBe(goalDate);

    const byTitle = new Map(app.db.select().from(milestones).where(eq(milestones.coalitionId, id)).all().map((m) => [m.title, m]));
    const title = (key: string) => template.milestones.find((m) => m.key === key)!.title;
    // Concrete dates: the shape of the plan is kept, day for day.
    expect(byTitle.get(title('entry-into-force'))).toMatchObject({ dueDate: '2026-03-01', completedOn: '2026-03-01' });
    expect(byTitle.get(title('signing'))).toMatchObject({ startDate: '2024-12-03', dueDate: '2024-12-04', completedOn: '2024-12-04' });
    expect(byTitle.get(title('fortieth'))).toMatchObject({ dueDate: '2025-09-16' });
    // One leap day fewer between 1992 and 2019 than in the shift: the calendar day moves, the gap does not.
    expect(byTitle.get(title('icbl-founded'))).toMatchObject({ dueDate: '2019-10-02' });

    // Every date of every row moved by exactly `delta`.
    for (const m of template.milestones) {
      const row = byTitle.get(m.title)!;
      expect(row.dueDate).toBe(addDays(m.dueDate, delta));
      expect(row.startDate).toBe(m.startDate ? addDays(m.startDate, delta) : null);
      expect(row.completedOn).toBe(m.completedOn ? addDays(m.completedOn, delta) : null);
    }
    const partnerRows = new Map(app.db.select().from(partners).where(eq(partners.coalitionId, id)).all().map((p) => [p.name, p]));
    for (const p of template.partners) {
      expect(partnerRows.get(p.name)!.committedOn).toBe(p.committedOn ? addDays(p.committedOn, delta) : null);
    }
    expect(partnerRows.get('Canada')!.committedOn).toBe('2023-10-06'); // 1996-10-05 + 9862 days

    // Without a goal date (or with the template's own) nothing moves.
    const same = await alice.caller.coalition.createFromTemplate({ templateId: template.id, goalDate: template.goalDate });
    const eif = app.db
      .select()
      .from(milestones)
      .where(and(eq(milestones.coalitionId, same.id), eq(milestones.title, title('entry-into-force'))))
      .get()!;
    expect(eif.dueDate).toBe('1999-03-01');
  });

  it('makes the Ottawa 40th and the Rome 60th ratification threshold milestones, with the states’ sourced acts, re-based', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const cases = [
      { id: 'ottawa-landmines', key: 'fortieth', threshold: 40, ratified: 9, signed: 9, last: ['Burkina Faso', '1998-09-16'] },
      { id: 'rome-statute', key: 'sixtieth', threshold: 60, ratified: 10, signed: 10, last: ['United Kingdom', '2001-10-04'] },
    ] as const;
    for (const c of cases) {
      const template = getTemplate(c.id);
      const m = template.milestones.find((x) => x.key === c.key)!;
      // Every act is dated by the as-of day and carries where it comes from (a web address and the date as the source gives it).
      for (const a of m.threshold!.acts) {
        expect(a.actedOn <= (template.asOf ?? template.goalDate), `${a.partner} ${a.act}`).toBe(true);
        expect(a.source.url).toMatch(/^https?:\/\/[^\s/]+\.[^\s]+$/);
        expect(a.source.basis).toBe('exact');
        expect(a.note ?? '').not.toMatch(/\b(19|20)\d{2}\b/);
      }
      for (const goalDate of [undefined, '2027-03-01']) {
        const { id } = await alice.caller.coalition.createFromTemplate({ templateId: c.id, goalDate });
        const shift = templateShiftDays(template, goalDate);
        const row = app.db.select().from(milestones).where(and(eq(milestones.coalitionId, id), eq(milestones.title, m.title))).get()!;
        expect(row).toMatchObject({ thresholdAct: 'ratified', threshold: c.threshold, status: 'done' });
        // Only the states of the plan are eligible.
        const eligible = app.db.select().from(thresholdEligible).where(eq(thresholdEligible.milestoneId, row.id)).all();
        const kinds = new Map(app.db.select().from(partners).where(eq(partners.coalitionId, id)).all().map((p) => [p.id, p]));
        expect(eligible.map((e) => kinds.get(e.partnerId)!.kind)).toEqual(eligible.map(() => 'state'));
        expect(eligible.length).toBe(template.partners.filter((p) => p.kind === 'state').length);
        const acts = app.db.select().from(partnerActs).where(eq(partnerActs.milestoneId, row.id)).all();
        expect(acts.filter((a) => a.act === 'ratified')).toHaveLength(c.ratified);
        expect(acts.filter((a) => a.act === 'signed')).toHaveLength(c.signed);
        // Re-based like every other date.
        const latest = acts.filter((a) => a.act === 'ratified').sort((a, b) => (a.actedOn < b.actedOn ? -1 : 1)).at(-1)!;
        expect([kinds.get(latest.partnerId)!.name, latest.actedOn]).toEqual([c.last[0], addDays(c.last[1], shift)]);
        // The board reads them: the states in the plan, not the threshold's total.
        const board = await alice.caller.threshold.board({ coalitionId: id, milestoneId: row.id });
        expect(board.progress).toMatchObject({ count: c.ratified, threshold: c.threshold, reachedOn: null });
        expect(board.counts.committed).toBe(c.ratified);
      }
    }
    // The verified dates themselves.
    const ottawa = getTemplate('ottawa-landmines').milestones.find((m) => m.key === 'fortieth')!.threshold!;
    const ratifiedOn = (t: typeof ottawa, partner: string) => t.acts.find((a) => a.partner === partner && a.act === 'ratified')?.actedOn;
    expect(ratifiedOn(ottawa, 'burkina-faso')).toBe('1998-09-16');
    expect(ratifiedOn(ottawa, 'canada')).toBe('1997-12-03');
    expect(ratifiedOn(ottawa, 'usa')).toBeUndefined();
    const rome = getTemplate('rome-statute').milestones.find((m) => m.key === 'sixtieth')!.threshold!;
    expect(ratifiedOn(rome, 'senegal')).toBe('1999-02-02');
    expect(rome.acts.find((a) => a.partner === 'usa')).toMatchObject({ act: 'signed', actedOn: '2000-12-31' });
  });

  it('shifts backwards too (an earlier goal date)', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const { id } = await alice.caller.coalition.createFromTemplate({ templateId: 'world-summit-2020', goalDate: '2020-09-20' });
    const summit = app.db
      .select()
      .from(milestones)
      .where(and(eq(milestones.coalitionId, id), eq(milestones.title, getTemplate('world-summit-2020').milestones.find((m) => m.key === 'summit')!.title)))
      .get()!;
    expect(summit.dueDate).toBe('2020-09-20');
    const hague = app.db.select().from(milestones).where(and(eq(milestones.coalitionId, id), eq(milestones.dueDate, '2015-06-15'))).get()!;
    expect(hague.completedOn).toBe('2015-06-15');
    const albright = app.db.select().from(partners).where(and(eq(partners.coalitionId, id), eq(partners.name, 'Madeleine K. Albright'))).get()!;
    expect(albright.committedOn).toBe('2014-11-20');
  });

  it('refuses unknown templates, bad dates and anonymous callers without writing anything', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const before = app.rowCounts();
    await expect(
      alice.caller.coalition.createFromTemplate({ templateId: 'nope' as 'rome-statute' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      alice.caller.coalition.createFromTemplate({ templateId: 'rome-statute', goalDate: '2030-02-30' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(app.anonymous.coalition.createFromTemplate({ templateId: 'rome-statute' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(app.rowCounts()).toEqual(before);
  });
});

describe('instantiateTemplate', () => {
  function insertInTransaction(app: TestApp, userId: string, template: CoalitionTemplate) {
    const id = newId();
    const now = Date.now();
    app.db.transaction((tx) => {
      tx.insert(coalitions)
        .values({ id, name: 'x', goal: 'x', goalDate: template.goalDate, template: template.id, createdAt: now, updatedAt: now })
        .run();
      tx.insert(memberships).values({ coalitionId: id, userId, role: 'owner', createdAt: now }).run();
      instantiateTemplate(tx, app.db.$client, template, id, { userId, now, today: '2026-01-01', newId });
    });
    return id;
  }

  it('writes nothing when a row fails half-way (database check on a late milestone)', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const broken = structuredClone(getTemplate('world-summit-2020'));
    broken.milestones[broken.milestones.length - 1]!.progress = 150; // partners, tracks, assignments already inserted
    const before = app.rowCounts();
    expect(() => insertInTransaction(app, alice.id, broken)).toThrow();
    expect(app.rowCounts()).toEqual(before);
  });

  it('writes nothing when a late reference is broken (unknown dependency key)', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const broken = structuredClone(getTemplate('rome-statute'));
    broken.dependencies.push(['entry-into-force', 'no-such-milestone']);
    const before = app.rowCounts();
    expect(() => insertInTransaction(app, alice.id, broken)).toThrow(/milestone "no-such-milestone", which is not in the file/);
    expect(app.rowCounts()).toEqual(before);
  });

  it('chunks large templates into several multi-row inserts', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const big = structuredClone(getTemplate('rome-statute'));
    const extra = Array.from({ length: 1100 }, (_, i) => ({
      key: `extra-${i}`,
      track: 'court',
      title: `Extra milestone ${i}`,
      dueDate: '2002-06-01',
      status: 'planned' as const,
      progress: 0,
      source: { citation: 'Test data', url: 'https://example.org/', historical: 'none', basis: 'illustrative' as const },
    }));
    big.milestones.push(...extra);
    const statements: string[] = [];
    const prepare = app.db.$client.prepare.bind(app.db.$client);
    const spy = vi.spyOn(app.db.$client, 'prepare').mockImplementation((sql: string) => {
      statements.push(sql);
      return prepare(sql);
    });
    const id = insertInTransaction(app, alice.id, big);
    spy.mockRestore();
    expect(countsFor(app, id).milestones).toBe(big.milestones.length);
    const milestoneInserts = statements.filter((s) => /^insert into "milestones"/i.test(s));
    // At most 500 rows per INSERT (bulkInsert, the import's writer): one statement prepared for
    // the full chunks (run twice here) and one for the rest.
    expect(big.milestones.length).toBeGreaterThan(1000);
    expect(milestoneInserts).toHaveLength(2);
    expect(statements.filter((s) => /^insert into "partners"/i.test(s))).toHaveLength(1);
  });
});
