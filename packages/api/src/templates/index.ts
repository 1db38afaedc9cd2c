/**
 * The built-in coalition templates (real dates from the campaigns the seed paper studies):
 * the list, lookup, the date shift toward a new goal date, and a consistency check that reads
 * the same rules as everything else (@coalition/domain). Instantiation into a coalition is a
 * service (services/templates.ts).
 */
import { addDays, daysBetween, type TemplateId, EXPORT_FORMAT, findAnyCycle, isIsoDate, MAX_THRESHOLD, SCORE_MAX, SCORE_MIN, START_AFTER_DUE, THRESHOLD_ACTS, thresholdProgress, zColor, type WorkspaceFile } from '@coalition/domain';
import { ottawaLandmines } from './ottawa-landmines.ts';
import { romeStatute } from './rome-statute.ts';
import { SOURCE_BASES, type CoalitionTemplate, type TemplateSource } from './types.ts';
import { worldSummit2020 } from './world-summit-2020.ts';

export { SOURCE_BASES, type CoalitionTemplate, type SourceBasis, type TemplateAct, type TemplateSource, type TemplateThreshold } from './types.ts';

export const TEMPLATES: CoalitionTemplate[] = [worldSummit2020, ottawaLandmines, romeStatute];
export { TEMPLATE_IDS, type TemplateId } from '@coalition/domain';

export function getTemplate(id: TemplateId): CoalitionTemplate {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`Unknown template ${id}`);
  return t;
}

/**
 * Days to add to every template date so the plan ends on `goalDate` (0 when no goal date
 * is given or it equals the template's).
 */
export function templateShiftDays(template: CoalitionTemplate, goalDate?: string): number {
  return goalDate && goalDate !== template.goalDate ? daysBetween(template.goalDate, goalDate) : 0;
}

/**
 * The template as a workspace file (the import format), every date moved by the same number of
 * days when `goalDate` differs from the template's, so the plan keeps its shape toward the new
 * goal. Keys become the file's ids; instantiating it is importing it.
 */
export function templateAsFile(template: CoalitionTemplate, goalDate?: string): WorkspaceFile {
  const shift = templateShiftDays(template, goalDate);
  const date = (d: string) => (shift === 0 ? d : addDays(d, shift));
  const optionalDate = (d: string | undefined) => (d ? date(d) : null);
  return {
    format: EXPORT_FORMAT,
    coalition: { name: template.name, goal: template.goal, goalDate: date(template.goalDate), description: template.description },
    partners: template.partners.map((p) => ({
      id: p.key,
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
    })),
    tracks: template.tracks.map((t, position) => ({ id: t.key, name: t.name, objective: t.objective, color: t.color, position, status: t.status })),
    assignments: template.assignments.map((a) => ({ partnerId: a.partner, trackId: a.track, role: a.role })),
    milestones: template.milestones.map((m) => ({
      id: m.key,
      trackId: m.track,
      title: m.title,
      description: m.description ?? '',
      startDate: optionalDate(m.startDate),
      dueDate: date(m.dueDate),
      status: m.status,
      progress: m.progress,
      ownerPartnerId: m.owner ?? null,
      completedOn: optionalDate(m.completedOn),
      thresholdAct: m.threshold?.act ?? null,
      threshold: m.threshold?.count ?? null,
    })),
    dependencies: template.dependencies.map(([milestoneId, dependsOnId]) => ({ milestoneId, dependsOnId })),
    bottlenecks: template.bottlenecks.map((b, i) => ({
      id: `bottleneck-${i}`,
      trackId: b.track ?? null,
      milestoneId: b.milestone ?? null,
      title: b.title,
      description: b.description,
      severity: b.severity,
      status: b.status,
      narrative: b.narrative,
    })),
    comments: [],
    // Threshold milestones: the eligible partners and their acts, re-based like every other date
    // (nobody here recorded them: they have no author).
    eligiblePartners: template.milestones.flatMap((m) => (m.threshold?.eligible ?? []).map((partnerId) => ({ milestoneId: m.key, partnerId }))),
    partnerActs: template.milestones.flatMap((m) =>
      (m.threshold?.acts ?? []).map((a) => ({ milestoneId: m.key, partnerId: a.partner, act: a.act, actedOn: date(a.actedOn), note: a.note ?? '', authorEmail: null })),
    ),
  };
}

/**
 * Everything wrong with a template (empty when it is consistent): unknown or duplicate keys,
 * invalid dates, a dated item without a source (citation, web address and historical date),
 * start after due, done without a completion date, progress out of range, duplicate
 * assignments or dependencies, and dependency cycles. Used by the tests; cheap enough to run
 * on any imported template.
 */
export function checkTemplate(t: CoalitionTemplate): string[] {
  const problems: string[] = [];
  const dateProblem = (where: string, d: string | undefined) => {
    if (d !== undefined && !isIsoDate(d)) problems.push(`${where}: invalid date "${d}"`);
  };
  /** Every dated fact keeps where it comes from (types require it; data read at run time may not). */
  const sourceProblem = (where: string, source: TemplateSource | undefined) => {
    if (!source) return void problems.push(`${where}: dated but without a source`);
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    for (const field of ['citation', 'url', 'historical'] as const) {
      if (!text(source[field])) problems.push(`${where}: source ${field} is empty`);
    }
    if (!/^https?:\/\/\S+$/.test(text(source.url))) problems.push(`${where}: source url "${source.url}" is not a web address`);
    if (!SOURCE_BASES.includes(source.basis)) problems.push(`${where}: source basis "${source.basis}" unknown`);
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
  sourceProblem('goalDate', t.goalSource);
  dateProblem('asOf', t.asOf);
  for (const p of t.partners) {
    dateProblem(`partner ${p.key} committedOn`, p.committedOn);
    if (p.committedOn) sourceProblem(`partner ${p.key}`, p.source);
    for (const [field, value] of [['influence', p.influence], ['interest', p.interest]] as const) {
      if (!Number.isInteger(value) || value < SCORE_MIN || value > SCORE_MAX) problems.push(`partner ${p.key}: ${field} ${value} not in ${SCORE_MIN}–${SCORE_MAX}`);
    }
    if (p.committedOn && p.stage !== 'committed' && p.stage !== 'champion') {
      problems.push(`partner ${p.key}: committedOn set but stage is ${p.stage}`);
    }
    if (!p.committedOn && (p.stage === 'committed' || p.stage === 'champion')) {
      problems.push(`partner ${p.key}: stage ${p.stage} without committedOn`);
    }
  }
  for (const x of t.tracks) {
    if (!zColor.safeParse(x.color).success) problems.push(`track ${x.key}: invalid colour ${x.color}`);
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
    sourceProblem(where, m.source);
    if (m.startDate && m.startDate > m.dueDate) problems.push(`${where}: ${START_AFTER_DUE.toLowerCase()}`);
    if (!Number.isInteger(m.progress) || m.progress < 0 || m.progress > 100) problems.push(`${where}: progress ${m.progress} not in 0–100`);
    if (m.status === 'done' && !m.completedOn) problems.push(`${where}: done without completedOn`);
    if (m.status === 'done' && m.progress !== 100) problems.push(`${where}: done but progress ${m.progress}`);
    if (m.status !== 'done' && m.completedOn) problems.push(`${where}: completedOn set but status ${m.status}`);
    if (m.title.length < 1 || m.title.length > 300) problems.push(`${where}: title length ${m.title.length}`);
    if (m.threshold) thresholdProblems(t, m, partnerKeys, problems);
  }
  for (const b of t.bottlenecks) {
    if (b.track !== undefined && !trackKeys.has(b.track)) problems.push(`bottleneck "${b.title}": unknown track "${b.track}"`);
    if (b.milestone !== undefined && !milestoneKeys.has(b.milestone)) {
      problems.push(`bottleneck "${b.title}": unknown milestone "${b.milestone}"`);
    }
  }
  const edges = new Set<string>();
  for (const [m, dep] of t.dependencies) {
    if (!milestoneKeys.has(m)) problems.push(`dependency: unknown milestone "${m}"`);
    if (!milestoneKeys.has(dep)) problems.push(`dependency: unknown milestone "${dep}"`);
    if (m === dep) problems.push(`dependency: ${m} depends on itself`);
    const edge = `${m}|${dep}`;
    if (edges.has(edge)) problems.push(`dependency: ${m} → ${dep} listed twice`);
    edges.add(edge);
  }
  const cycle = findAnyCycle(t.dependencies.map(([milestoneId, dependsOnId]) => ({ milestoneId, dependsOnId })));
  if (cycle) problems.push(`dependency cycle: ${cycle.join(' → ')}`);
  return problems;
}


/**
 * A threshold milestone's data: a known act and a count in range, eligible partners that exist
 * (once each), acts of eligible partners only (one per partner and act), each dated by the as-of
 * day with its source; and, once its acts meet the count, the milestone done on the day they did
 * (the rule the API applies when acts are recorded).
 */
function thresholdProblems(t: CoalitionTemplate, m: CoalitionTemplate['milestones'][number], partnerKeys: Set<string>, problems: string[]) {
  const where = `milestone ${m.key} threshold`;
  const th = m.threshold!;
  if (!(THRESHOLD_ACTS as readonly string[]).includes(th.act)) problems.push(`${where}: unknown act "${th.act}"`);
  if (!Number.isInteger(th.count) || th.count < 1 || th.count > MAX_THRESHOLD) problems.push(`${where}: count ${th.count} not in 1–${MAX_THRESHOLD}`);
  const eligible = new Set<string>();
  for (const key of th.eligible) {
    if (!partnerKeys.has(key)) problems.push(`${where}: unknown eligible partner "${key}"`);
    if (eligible.has(key)) problems.push(`${where}: eligible partner "${key}" listed twice`);
    eligible.add(key);
  }
  const seen = new Set<string>();
  const asOf = t.asOf ?? t.goalDate;
  for (const a of th.acts) {
    const at = `${where} act ${a.partner}/${a.act}`;
    if (!eligible.has(a.partner)) problems.push(`${at}: partner is not eligible`);
    if (seen.has(`${a.partner}|${a.act}`)) problems.push(`${at}: listed twice`);
    seen.add(`${a.partner}|${a.act}`);
    if (!isIsoDate(a.actedOn)) problems.push(`${at}: invalid date "${a.actedOn}"`);
    else if (a.actedOn > asOf) problems.push(`${at}: dated after the as-of day`);
    if (!a.source?.url || !a.source.historical || !a.source.citation) problems.push(`${at}: dated but without a full source`);
  }
  const progress = thresholdProgress({ thresholdAct: th.act, threshold: th.count }, th.acts);
  if (progress.reachedOn && (m.status !== 'done' || m.completedOn !== progress.reachedOn)) {
    problems.push(`${where}: met on ${progress.reachedOn}, so the milestone is done on that day`);
  }
}
