/**
 * The built-in coalition templates and their instantiation into a coalition's plan.
 */
import {
  bottlenecks,
  milestoneDependencies,
  milestones,
  newId,
  partners,
  trackAssignments,
  tracks,
  type Tx,
} from '@coalition/db';
import { addDays, daysBetween } from '../dates.ts';
import { ottawaLandmines } from './ottawa-landmines.ts';
import { romeStatute } from './rome-statute.ts';
import type { CoalitionTemplate } from './types.ts';
import { worldSummit2020 } from './world-summit-2020.ts';

export type { CoalitionTemplate } from './types.ts';

export const TEMPLATES: CoalitionTemplate[] = [worldSummit2020, ottawaLandmines, romeStatute];
export const TEMPLATE_IDS = ['world-summit-2020', 'ottawa-landmines', 'rome-statute'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export function getTemplate(id: TemplateId): CoalitionTemplate {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`Unknown template ${id}`);
  return t;
}

/** Rows per INSERT statement (well under SQLite's bound-parameter limit). */
export const INSERT_CHUNK = 200;

function chunks<T>(rows: readonly T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Days to add to every template date so the plan ends on `goalDate` (0 when no goal date
 * is given or it equals the template's).
 */
export function templateShiftDays(template: CoalitionTemplate, goalDate?: string): number {
  return goalDate && goalDate !== template.goalDate ? daysBetween(template.goalDate, goalDate) : 0;
}

/** A key → id lookup that names the template and the kind of key when a key is missing. */
function keyMap(template: CoalitionTemplate, what: string, keys: readonly string[]) {
  const ids = new Map<string, string>();
  for (const key of keys) {
    if (ids.has(key)) throw new Error(`Template ${template.id}: duplicate ${what} key "${key}"`);
    ids.set(key, newId());
  }
  return (key: string): string => {
    const id = ids.get(key);
    if (!id) throw new Error(`Template ${template.id}: unknown ${what} "${key}"`);
    return id;
  };
}

/**
 * Writes the template's partners, tracks, assignments, milestones, dependencies and
 * bottlenecks into `coalitionId`, inside the caller's transaction (one multi-row INSERT per
 * table, chunked). With a `goalDate` different from the template's, every date (start, due,
 * completion, commitment) moves by the same number of days so the plan keeps its shape.
 * Throws on an inconsistent template; the caller's transaction then writes nothing.
 */
export function instantiateTemplate(
  tx: Tx,
  template: CoalitionTemplate,
  coalitionId: string,
  _userId: string,
  now: number,
  goalDate?: string,
): void {
  const shift = templateShiftDays(template, goalDate);
  const date = (d: string) => (shift === 0 ? d : addDays(d, shift));
  const optionalDate = (d: string | undefined) => (d ? date(d) : null);
  const stamps = { createdAt: now, updatedAt: now };

  const partnerId = keyMap(template, 'partner', template.partners.map((p) => p.key));
  const trackId = keyMap(template, 'track', template.tracks.map((t) => t.key));
  const milestoneId = keyMap(template, 'milestone', template.milestones.map((m) => m.key));

  const partnerRows = template.partners.map((p) => ({
    id: partnerId(p.key),
    coalitionId,
    name: p.name,
    kind: p.kind,
    country: p.country,
    contact: p.contact ?? '',
    contributions: [...p.contributions],
    influence: p.influence,
    interest: p.interest,
    stage: p.stage,
    committedOn: optionalDate(p.committedOn),
    notes: p.notes ?? '',
    version: 1,
    ...stamps,
  }));
  for (const rows of chunks(partnerRows)) tx.insert(partners).values(rows).run();

  const trackRows = template.tracks.map((t, position) => ({
    id: trackId(t.key),
    coalitionId,
    name: t.name,
    objective: t.objective,
    color: t.color,
    position,
    status: t.status,
    version: 1,
    ...stamps,
  }));
  for (const rows of chunks(trackRows)) tx.insert(tracks).values(rows).run();

  const assignmentRows = template.assignments.map((a) => ({
    coalitionId,
    partnerId: partnerId(a.partner),
    trackId: trackId(a.track),
    role: a.role,
    ...stamps,
  }));
  for (const rows of chunks(assignmentRows)) tx.insert(trackAssignments).values(rows).run();

  const milestoneRows = template.milestones.map((m) => ({
    id: milestoneId(m.key),
    coalitionId,
    trackId: m.track === null ? null : trackId(m.track),
    title: m.title,
    description: m.description ?? '',
    startDate: optionalDate(m.startDate),
    dueDate: date(m.dueDate),
    status: m.status,
    progress: m.progress,
    ownerPartnerId: m.owner ? partnerId(m.owner) : null,
    completedOn: optionalDate(m.completedOn),
    version: 1,
    ...stamps,
  }));
  for (const rows of chunks(milestoneRows)) tx.insert(milestones).values(rows).run();

  const dependencyRows = template.dependencies.map(([milestone, dependsOn]) => ({
    coalitionId,
    milestoneId: milestoneId(milestone),
    dependsOnId: milestoneId(dependsOn),
    createdAt: now,
  }));
  for (const rows of chunks(dependencyRows)) tx.insert(milestoneDependencies).values(rows).run();

  const bottleneckRows = template.bottlenecks.map((b) => ({
    id: newId(),
    coalitionId,
    trackId: b.track ? trackId(b.track) : null,
    milestoneId: b.milestone ? milestoneId(b.milestone) : null,
    title: b.title,
    description: b.description,
    severity: b.severity,
    status: b.status,
    narrative: b.narrative,
    version: 1,
    ...stamps,
  }));
  for (const rows of chunks(bottleneckRows)) tx.insert(bottlenecks).values(rows).run();
}

/**
 * Everything wrong with a template (empty when it is consistent): unknown or duplicate keys,
 * invalid dates, start after due, done without a completion date, progress out of range,
 * duplicate assignments or dependencies, and dependency cycles. Used by the tests; cheap
 * enough to run on any imported template.
 */
export function checkTemplate(t: CoalitionTemplate): string[] {
  const problems: string[] = [];
  const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  const dateProblem = (where: string, d: string | undefined) => {
    if (d !== undefined && !isDate(d)) problems.push(`${where}: invalid date "${d}"`);
  };
  const uniqueKeys = (what: string, keys: string[]) => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) problems.push(`duplicate ${what} key "${k}"`);
      seen.add(k);
    }
    return seen;
  };
  const partnerKeys = uniqueKeys('partner', t.partners.map((p) => p.key));
  const trackKeys = uniqueKeys('track', t.tracks.map((x) => x.key));
  const milestoneKeys = uniqueKeys('milestone', t.milestones.map((m) => m.key));

  dateProblem('goalDate', t.goalDate);
  dateProblem('asOf', t.asOf);
  for (const p of t.partners) {
    dateProblem(`partner ${p.key} committedOn`, p.committedOn);
    for (const [field, value] of [['influence', p.influence], ['interest', p.interest]] as const) {
      if (!Number.isInteger(value) || value < 1 || value > 5) problems.push(`partner ${p.key}: ${field} ${value} not in 1–5`);
    }
    if (p.committedOn && p.stage !== 'committed' && p.stage !== 'champion') {
      problems.push(`partner ${p.key}: committedOn set but stage is ${p.stage}`);
    }
    if (!p.committedOn && (p.stage === 'committed' || p.stage === 'champion')) {
      problems.push(`partner ${p.key}: stage ${p.stage} without committedOn`);
    }
  }
  for (const x of t.tracks) {
    if (!/^#[0-9a-fA-F]{6}$/.test(x.color)) problems.push(`track ${x.key}: invalid colour ${x.color}`);
  }
  const pairs = new Set<string>();
  for (const a of t.assignments) {
    if (!partnerKeys.has(a.partner)) problems.push(`assignment: unknown partner "${a.partner}"`);
    if (!trackKeys.has(a.track)) problems.push(`assignment: unknown track "${a.track}"`);
    const pair = `${a.partner}|${a.track}`;
    if (pairs.has(pair)) problems.push(`assignment: ${a.partner} × ${a.track} listed twice`);
    pairs.add(pair);
  }
  for (const m of t.milestones) {
    const where = `milestone ${m.key}`;
    if (m.track !== null && !trackKeys.has(m.track)) problems.push(`${where}: unknown track "${m.track}"`);
    if (m.owner !== undefined && !partnerKeys.has(m.owner)) problems.push(`${where}: unknown owner "${m.owner}"`);
    dateProblem(`${where} startDate`, m.startDate);
    dateProblem(`${where} dueDate`, m.dueDate);
    dateProblem(`${where} completedOn`, m.completedOn);
    if (m.startDate && m.startDate > m.dueDate) problems.push(`${where}: starts after it is due`);
    if (!Number.isInteger(m.progress) || m.progress < 0 || m.progress > 100) problems.push(`${where}: progress ${m.progress} not in 0–100`);
    if (m.status === 'done' && !m.completedOn) problems.push(`${where}: done without completedOn`);
    if (m.status === 'done' && m.progress !== 100) problems.push(`${where}: done but progress ${m.progress}`);
    if (m.status !== 'done' && m.completedOn) problems.push(`${where}: completedOn set but status ${m.status}`);
    if (m.title.length < 1 || m.title.length > 300) problems.push(`${where}: title length ${m.title.length}`);
  }
  for (const b of t.bottlenecks) {
    if (b.track !== undefined && !trackKeys.has(b.track)) problems.push(`bottleneck "${b.title}": unknown track "${b.track}"`);
    if (b.milestone !== undefined && !milestoneKeys.has(b.milestone)) {
      problems.push(`bottleneck "${b.title}": unknown milestone "${b.milestone}"`);
    }
  }
  const edges = new Set<string>();
  const waitsFor = new Map<string, string[]>();
  for (const [m, dep] of t.dependencies) {
    if (!milestoneKeys.has(m)) problems.push(`dependency: unknown milestone "${m}"`);
    if (!milestoneKeys.has(dep)) problems.push(`dependency: unknown milestone "${dep}"`);
    if (m === dep) problems.push(`dependency: ${m} depends on itself`);
    const edge = `${m}|${dep}`;
    if (edges.has(edge)) problems.push(`dependency: ${m} → ${dep} listed twice`);
    edges.add(edge);
    waitsFor.set(m, [...(waitsFor.get(m) ?? []), dep]);
  }
  const cycle = findCycle(waitsFor);
  if (cycle) problems.push(`dependency cycle: ${cycle.join(' → ')}`);
  return problems;
}

/** A cycle in the "waits for" graph as a list of keys (first = last), or null. */
export function findCycle(waitsFor: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    const s = state.get(node);
    if (s === 'done') return null;
    if (s === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of waitsFor.get(node) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of waitsFor.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return null;
}
