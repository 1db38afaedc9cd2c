/**
 * Planning an import: every reference in a validated file must resolve, no pair may be listed
 * twice, the dependencies form no cycle, each milestone keeps the milestone rules (and its
 * forecast range and threshold theirs), and only eligible partners have acts; then
 * the rows that recreate the file in a new coalition, every id remapped to a fresh one.
 * Pure: nothing is written, and any problem is returned (naming the offending entry as
 * `data.<section>.<index>.<field>`) before the caller writes anything.
 */
import type { CommentTarget, InteractionKind, Position, ThresholdAct } from '../enums.ts';
import { nextStepProblem } from '../entities/interaction.ts';
import { estimateProblem, thresholdProblem } from '../entities/milestone.ts';
import { COMMENT_MAX } from '../entities/people.ts';
import { lowerLabelOf } from '../labels.ts';
import { describeCycle, findAnyCycle } from '../planning/graph.ts';
import { applyMilestoneRules, blankMilestone } from '../rules/milestones.ts';
import { committedOnAfter } from '../rules/partners.ts';
import { defaultTrackColor } from '../rules/tracks.ts';
import { textProblem, truncateCodePoints } from '../text.ts';
import type {
  ExportedAssignment,
  ExportedBottleneck,
  ExportedDependency,
  ExportedMilestone,
  ExportedPartner,
  ExportedTrack,
  Section,
  WorkspaceFile,
} from './format.ts';

type Versioned<T> = T & { version: number };
type Omitted<T, K extends keyof T> = Omit<T, K>;

/** The rows that recreate a file in a new coalition (every row still needs `coalitionId`). */
export interface ImportPlan {
  partners: Versioned<Omitted<ExportedPartner, 'relationshipOwnerEmail'> & { relationshipOwnerId: string | null }>[];
  tracks: Versioned<ExportedTrack>[];
  assignments: ExportedAssignment[];
  milestones: Versioned<ExportedMilestone>[];
  dependencies: ExportedDependency[];
  bottlenecks: Versioned<ExportedBottleneck>[];
  comments: Versioned<{
    id: string;
    targetType: CommentTarget;
    targetId: string;
    authorId: string;
    body: string;
    mentions: string[];
    createdAt: number;
    updatedAt: number;
  }>[];
  interactions: Versioned<{
    id: string;
    partnerId: string;
    kind: InteractionKind;
    occurredOn: string;
    ourPeople: string[];
    theirPeople: string;
    summary: string;
    ask: string;
    outcome: string;
    nextStep: string;
    nextStepDue: string | null;
    nextStepUserId: string | null;
    nextStepDoneOn: string | null;
    authorId: null;
    createdAt: number;
    updatedAt: number;
  }>[];
  positionChanges: {
    id: string;
    partnerId: string;
    trackId: string | null;
    position: Position;
    shownOn: string;
    interactionId: string | null;
    note: string;
    authorId: null;
    createdAt: number;
  }[];
  /** The partners whose acts count toward a threshold milestone. */
  eligiblePartners: { milestoneId: string; partnerId: string }[];
  partnerActs: Versioned<{
    id: string;
    milestoneId: string;
    partnerId: string;
    act: ThresholdAct;
    actedOn: string;
    note: string;
    authorId: string | null;
    createdAt: number;
    updatedAt: number;
  }>[];
  /** In the file's order (the latest of two saved in the same millisecond is the one inserted last). */
  baselines: { id: string; name: string; createdBy: string | null; createdAt: number }[];
  baselineDates: { baselineId: string; milestoneId: string; startDate: string | null; dueDate: string }[];
  slips: { id: string; milestoneId: string; baselineId: string; fromDue: string; toDue: string; reason: string; authorId: string | null; createdAt: number }[];
  counts: Record<Section, number>;
}

export interface ImportOptions {
  /** The importing user: the author of every imported comment. */
  userId: string;
  now: number;
  /** Today (YYYY-MM-DD): completion date of a done milestone that has none, as when marking it done. */
  today: string;
  newId: () => string;
  /**
   * The members of the new coalition by lower-case email: a member named in the file (a
   * relationship owner, our people at a meeting, a next step's member, the author of an act or a
   * slip, who saved a baseline) who is not one of them
   * becomes nobody. Absent: nobody is.
   */
  members?: ReadonlyMap<string, string>;
}

export type ImportResult = { ok: true; plan: ImportPlan } | { ok: false; field: string; message: string };

/**
 * `(imported, originally by Name) body`, cut to the comment length limit — counted in code
 * points, as the database's CHECK counts it, and never splitting a surrogate pair. (Both parts
 * passed the input policy in the file schema, so the result does too.)
 */
export function importedCommentBody(authorName: string | null, body: string): string {
  const by = authorName?.trim() ? authorName.trim() : 'an unknown author';
  return truncateCodePoints(`(imported, originally by ${by}) ${body}`, COMMENT_MAX);
}

/** Thrown inside planImport only, and turned into its result. */
class Problem {
  constructor(
    readonly field: string,
    readonly message: string,
  ) {}
}

/** Maps the file's ids of one kind to fresh ids; a repeated id is refused. */
function remap(items: readonly { id: string }[], kind: string, section: Section, newId: () => string): Map<string, string> {
  const map = new Map<string, string>();
  items.forEach((item, i) => {
    if (map.has(item.id)) throw new Problem(`data.${section}.${i}.id`, `The ${kind} id "${item.id}" appears twice in the file`);
    map.set(item.id, newId());
  });
  return map;
}

export function planImport(file: WorkspaceFile, opts: ImportOptions): ImportResult {
  try {
    return { ok: true, plan: plan(file, opts) };
  } catch (e) {
    if (e instanceof Problem) return { ok: false, field: e.field, message: e.message };
    throw e;
  }
}

/**
 * The text fields of a file, by section: single-line ones, then multi-line ones. The file
 * schema (format.ts) already applies the input policy (text.ts) to each; planImport checks the
 * characters again because it is also fed files that were never parsed (the templates).
 */
const TEXT_FIELDS = {
  partners: [['name', 'country', 'contact'], ['notes']],
  tracks: [['name'], ['objective']],
  milestones: [['title'], ['description']],
  bottlenecks: [['title'], ['description', 'narrative']],
  comments: [['authorName'], ['body']],
  interactions: [['theirPeople', 'nextStep'], ['summary', 'ask', 'outcome']],
  positionChanges: [[], ['note']],
  partnerActs: [[], ['note']],
  baselines: [['name'], []],
  slips: [[], ['reason']],
} as const satisfies Partial<Record<Section, readonly [readonly string[], readonly string[]]>>;

/** Throws a Problem naming the first text of the file (`data.<section>.<index>.<field>`) the input policy refuses. */
function checkTexts(file: WorkspaceFile): void {
  const check = (record: object, path: string, single: readonly string[], multi: readonly string[]) => {
    for (const [fields, multiline] of [[single, false], [multi, true]] as const) {
      for (const field of fields) {
        const value = (record as Record<string, unknown>)[field];
        const problem = typeof value === 'string' ? textProblem(value, { multiline }) : null;
        if (problem) throw new Problem(`${path}.${field}`, problem);
      }
    }
  };
  check(file.coalition, 'data.coalition', ['name', 'goal'], ['description']);
  for (const [section, [single, multi]] of Object.entries(TEXT_FIELDS) as [keyof typeof TEXT_FIELDS, (typeof TEXT_FIELDS)[keyof typeof TEXT_FIELDS]][]) {
    (file[section] ?? []).forEach((record, i) => check(record, `data.${section}.${i}`, single, multi));
  }
}

function plan(file: WorkspaceFile, opts: ImportOptions): ImportPlan {
  const { now, newId } = opts;
  checkTexts(file);
  const partnerIds = remap(file.partners, 'partner', 'partners', newId);
  const trackIds = remap(file.tracks, 'track', 'tracks', newId);
  const milestoneIds = remap(file.milestones, 'milestone', 'milestones', newId);
  const bottleneckIds = remap(file.bottlenecks, 'bottleneck', 'bottlenecks', newId);
  const commentIds = remap(file.comments, 'comment', 'comments', newId);
  const fileInteractions = file.interactions ?? [];
  const interactionIds = remap(fileInteractions, 'interaction', 'interactions', newId);
  const fileBaselines = file.baselines ?? [];
  const baselineIds = remap(fileBaselines, 'baseline', 'baselines', newId);
  const member = (email: string | null | undefined) => (email ? (opts.members?.get(email.toLowerCase()) ?? null) : null);

  const resolve = (map: Map<string, string>, id: string, kind: string, field: string): string => {
    const mapped = map.get(id);
    if (!mapped) throw new Problem(field, `${field} refers to the ${kind} "${id}", which is not in the file`);
    return mapped;
  };
  const resolveOptional = (map: Map<string, string>, id: string | null, kind: string, field: string) =>
    id === null ? null : resolve(map, id, kind, field);
  const stamps = (r: { createdAt?: number | undefined; updatedAt?: number | undefined }) => ({
    createdAt: r.createdAt ?? now,
    updatedAt: r.updatedAt ?? r.createdAt ?? now,
  });

  const partners = file.partners.map(({ relationshipOwnerEmail, ...p }) => ({
    ...p,
    id: partnerIds.get(p.id)!,
    relationshipOwnerId: member(relationshipOwnerEmail),
    positionPublic: p.positionPublic ?? false,
    contributions: [...new Set(p.contributions)],
    committedOn: committedOnAfter(p.committedOn, p.stage, opts.today),
    version: 1,
    ...stamps(p),
  }));

  // Tracks keep their order; positions are renumbered 0, 1, 2, … (a missing one keeps its place in the list).
  const trackOrder = file.tracks.map((t, i) => ({ t, i, key: t.position ?? i })).sort((a, b) => a.key - b.key || a.i - b.i);
  const tracks = trackOrder.map(({ t }, position) => ({
    ...t,
    id: trackIds.get(t.id)!,
    color: t.color ?? defaultTrackColor(position),
    position,
    version: 1,
    ...stamps(t),
  }));

  const pairs = new Set<string>();
  const assignments = file.assignments.map((a, i) => {
    const partnerId = resolve(partnerIds, a.partnerId, 'partner', `data.assignments.${i}.partnerId`);
    const trackId = resolve(trackIds, a.trackId, 'track', `data.assignments.${i}.trackId`);
    const key = `${partnerId} ${trackId}`;
    if (pairs.has(key)) throw new Problem(`data.assignments.${i}`, `Partner "${a.partnerId}" is assigned to track "${a.trackId}" twice`);
    pairs.add(key);
    return { partnerId, trackId, role: a.role, ...stamps(a) };
  });

  const milestones = file.milestones.map((m, i) => {
    const rules = applyMilestoneRules(
      blankMilestone(m.dueDate),
      { status: m.status, progress: m.progress, startDate: m.startDate, completedOn: m.completedOn },
      opts.today,
    );
    if (!rules.ok) throw new Problem(`data.milestones.${i}.${rules.field}`, `Milestone "${m.title}": ${rules.message}`);
    const estimate = estimateProblem(m);
    if (estimate) throw new Problem(`data.milestones.${i}.${estimate.field}`, `Milestone "${m.title}": ${estimate.message}`);
    const threshold = { thresholdAct: m.thresholdAct ?? null, threshold: m.threshold ?? null };
    const thresholdIssue = thresholdProblem(threshold);
    if (thresholdIssue) throw new Problem(`data.milestones.${i}.${thresholdIssue.field}`, `Milestone "${m.title}": ${thresholdIssue.message}`);
    const state = { ...blankMilestone(m.dueDate), ...rules.patch };
    return {
      ...m,
      ...state,
      estimateOptimistic: m.estimateOptimistic ?? null,
      estimateLikely: m.estimateLikely ?? null,
      estimatePessimistic: m.estimatePessimistic ?? null,
      ...threshold,
      id: milestoneIds.get(m.id)!,
      trackId: resolveOptional(trackIds, m.trackId, 'track', `data.milestones.${i}.trackId`),
      dueDate: m.dueDate,
      ownerPartnerId: resolveOptional(partnerIds, m.ownerPartnerId, 'partner', `data.milestones.${i}.ownerPartnerId`),
      version: 1,
      ...stamps(m),
    };
  });

  const edges = new Set<string>();
  const dependencies = file.dependencies.map((d, i) => {
    const milestoneId = resolve(milestoneIds, d.milestoneId, 'milestone', `data.dependencies.${i}.milestoneId`);
    const dependsOnId = resolve(milestoneIds, d.dependsOnId, 'milestone', `data.dependencies.${i}.dependsOnId`);
    const key = `${milestoneId} ${dependsOnId}`;
    if (edges.has(key)) throw new Problem(`data.dependencies.${i}`, `The dependency of "${d.milestoneId}" on "${d.dependsOnId}" is listed twice`);
    edges.add(key);
    return { milestoneId, dependsOnId, createdAt: d.createdAt ?? now };
  });
  const cycle = findAnyCycle(file.dependencies);
  if (cycle) {
    const titles = new Map(file.milestones.map((m) => [m.id, m.title]));
    throw new Problem('data.dependencies', describeCycle(cycle, (id) => titles.get(id) ?? id, 'The milestone dependencies in the file form a cycle'));
  }

  const bottlenecks = file.bottlenecks.map((b, i) => ({
    ...b,
    id: bottleneckIds.get(b.id)!,
    trackId: resolveOptional(trackIds, b.trackId, 'track', `data.bottlenecks.${i}.trackId`),
    milestoneId: resolveOptional(milestoneIds, b.milestoneId, 'milestone', `data.bottlenecks.${i}.milestoneId`),
    version: 1,
    ...stamps(b),
  }));

  const targetMaps: Record<CommentTarget, Map<string, string>> = {
    partner: partnerIds,
    track: trackIds,
    milestone: milestoneIds,
    bottleneck: bottleneckIds,
  };
  const comments = file.comments.map((c, i) => ({
    id: commentIds.get(c.id)!,
    targetType: c.targetType,
    targetId: resolve(targetMaps[c.targetType], c.targetId, c.targetType, `data.comments.${i}.targetId`),
    authorId: opts.userId,
    body: importedCommentBody(c.authorName, c.body),
    // Mentions named members of the old workspace; nobody here is notified of them.
    mentions: [] as string[],
    version: 1,
    ...stamps(c),
  }));

  const partnerOfInteraction = new Map<string, string>();
  const interactions = fileInteractions.map((it, i) => {
    const partnerId = resolve(partnerIds, it.partnerId, 'partner', `data.interactions.${i}.partnerId`);
    const problem = nextStepProblem({ nextStep: it.nextStep, nextStepDue: it.nextStepDue, nextStepUserId: it.nextStepUserEmail });
    if (problem) throw new Problem(`data.interactions.${i}.nextStep`, problem);
    const id = interactionIds.get(it.id)!;
    partnerOfInteraction.set(id, partnerId);
    const ourPeople = [...new Set(it.ourPeopleEmails.map(member).filter((u): u is string => u !== null))];
    return {
      id,
      partnerId,
      kind: it.kind,
      occurredOn: it.occurredOn,
      ourPeople,
      theirPeople: it.theirPeople,
      summary: it.summary,
      ask: it.ask,
      outcome: it.outcome,
      nextStep: it.nextStep,
      nextStepDue: it.nextStepDue,
      nextStepUserId: member(it.nextStepUserEmail),
      nextStepDoneOn: it.nextStepDoneOn,
      // Logged in the old workspace, by someone who may not be here: no author.
      authorId: null,
      version: 1,
      ...stamps(it),
    };
  });

  const positionChanges = (file.positionChanges ?? []).map((c, i) => {
    const partnerId = resolve(partnerIds, c.partnerId, 'partner', `data.positionChanges.${i}.partnerId`);
    const interactionId = resolveOptional(interactionIds, c.interactionId, 'interaction', `data.positionChanges.${i}.interactionId`);
    if (interactionId && partnerOfInteraction.get(interactionId) !== partnerId) {
      throw new Problem(`data.positionChanges.${i}.interactionId`, `The interaction "${c.interactionId}" was with another partner than "${c.partnerId}"`);
    }
    return {
      id: newId(),
      partnerId,
      trackId: resolveOptional(trackIds, c.trackId, 'track', `data.positionChanges.${i}.trackId`),
      position: c.position,
      shownOn: c.shownOn,
      interactionId,
      note: c.note,
      authorId: null,
      createdAt: c.createdAt ?? now,
    };
  });

  const { eligiblePartners, partnerActs } = planThresholds(file, { milestoneIds, partnerIds, resolve, member, newId, stamps });
  const { baselines, baselineDates, slips } = planBaselines(file, { milestoneIds, baselineIds, resolve, member, newId, now });

  return {
    partners,
    tracks,
    assignments,
    milestones,
    dependencies,
    bottlenecks,
    comments,
    interactions,
    positionChanges,
    eligiblePartners,
    partnerActs,
    baselines,
    baselineDates,
    slips,
    counts: {
      partners: partners.length,
      tracks: tracks.length,
      assignments: assignments.length,
      milestones: milestones.length,
      dependencies: dependencies.length,
      bottlenecks: bottlenecks.length,
      comments: comments.length,
      interactions: interactions.length,
      positionChanges: positionChanges.length,
      eligiblePartners: eligiblePartners.length,
      partnerActs: partnerActs.length,
      baselines: baselines.length,
      baselineDates: baselineDates.length,
      slips: slips.length,
    },
  };
}

/** What the section planners share with `plan`: the id maps, the resolver, the member lookup. */
interface Planning {
  milestoneIds: Map<string, string>;
  resolve: (map: Map<string, string>, id: string, kind: string, field: string) => string;
  member: (email: string | null | undefined) => string | null;
  newId: () => string;
}

/**
 * The eligible partners (once each per milestone) and their acts: only an eligible partner has
 * acts, one per partner and act, as the threshold procedures keep it. The milestones' progress
 * and status are recounted from these acts once written (the API's `recount`).
 */
function planThresholds(file: WorkspaceFile, p: Planning & { partnerIds: Map<string, string>; stamps: (r: { createdAt?: number | undefined; updatedAt?: number | undefined }) => { createdAt: number; updatedAt: number } }) {
  const titleOf = new Map(file.milestones.map((m) => [m.id, m.title]));
  const nameOf = new Map(file.partners.map((x) => [x.id, x.name]));
  const eligible = new Set<string>();
  const eligiblePartners = (file.eligiblePartners ?? []).map((e, i) => {
    const milestoneId = p.resolve(p.milestoneIds, e.milestoneId, 'milestone', `data.eligiblePartners.${i}.milestoneId`);
    const partnerId = p.resolve(p.partnerIds, e.partnerId, 'partner', `data.eligiblePartners.${i}.partnerId`);
    const key = `${milestoneId} ${partnerId}`;
    if (eligible.has(key)) throw new Problem(`data.eligiblePartners.${i}`, `"${nameOf.get(e.partnerId)}" is listed as eligible for the milestone "${titleOf.get(e.milestoneId)}" twice`);
    eligible.add(key);
    return { milestoneId, partnerId };
  });
  const recorded = new Set<string>();
  const partnerActs = (file.partnerActs ?? []).map((a, i) => {
    const milestoneId = p.resolve(p.milestoneIds, a.milestoneId, 'milestone', `data.partnerActs.${i}.milestoneId`);
    const partnerId = p.resolve(p.partnerIds, a.partnerId, 'partner', `data.partnerActs.${i}.partnerId`);
    const partner = `"${nameOf.get(a.partnerId)}"`;
    const milestone = `"${titleOf.get(a.milestoneId)}"`;
    if (!eligible.has(`${milestoneId} ${partnerId}`)) {
      throw new Problem(`data.partnerActs.${i}.partnerId`, `${partner} has an act toward the milestone ${milestone} but is not one of its eligible partners`);
    }
    const key = `${milestoneId} ${partnerId} ${a.act}`;
    if (recorded.has(key)) throw new Problem(`data.partnerActs.${i}.act`, `${partner} is recorded as ${lowerLabelOf('thresholdAct', a.act)} toward the milestone ${milestone} twice`);
    recorded.add(key);
    return {
      id: p.newId(),
      milestoneId,
      partnerId,
      act: a.act,
      actedOn: a.actedOn,
      note: a.note,
      authorId: p.member(a.authorEmail),
      version: 1,
      ...p.stamps(a),
    };
  });
  return { eligiblePartners, partnerActs };
}

/** The baselines (who saved them by email), their dates (once per milestone) and the slips recorded against them. */
function planBaselines(file: WorkspaceFile, p: Planning & { baselineIds: Map<string, string>; now: number }) {
  const titleOf = new Map(file.milestones.map((m) => [m.id, m.title]));
  const nameOf = new Map((file.baselines ?? []).map((b) => [b.id, b.name]));
  const baselines = (file.baselines ?? []).map((b) => ({
    id: p.baselineIds.get(b.id)!,
    name: b.name,
    createdBy: p.member(b.createdByEmail),
    createdAt: b.createdAt ?? p.now,
  }));
  const dated = new Set<string>();
  const baselineDates = (file.baselineDates ?? []).map((d, i) => {
    const baselineId = p.resolve(p.baselineIds, d.baselineId, 'baseline', `data.baselineDates.${i}.baselineId`);
    const milestoneId = p.resolve(p.milestoneIds, d.milestoneId, 'milestone', `data.baselineDates.${i}.milestoneId`);
    const key = `${baselineId} ${milestoneId}`;
    if (dated.has(key)) throw new Problem(`data.baselineDates.${i}`, `The milestone "${titleOf.get(d.milestoneId)}" has two dates in the baseline "${nameOf.get(d.baselineId)}"`);
    dated.add(key);
    return { baselineId, milestoneId, startDate: d.startDate, dueDate: d.dueDate };
  });
  const slips = (file.slips ?? []).map((s, i) => ({
    id: p.newId(),
    milestoneId: p.resolve(p.milestoneIds, s.milestoneId, 'milestone', `data.slips.${i}.milestoneId`),
    baselineId: p.resolve(p.baselineIds, s.baselineId, 'baseline', `data.slips.${i}.baselineId`),
    fromDue: s.fromDue,
    toDue: s.toDue,
    reason: s.reason,
    authorId: p.member(s.authorEmail),
    createdAt: s.createdAt ?? p.now,
  }));
  return { baselines, baselineDates, slips };
}

/** `12 partners, 5 tracks, 80 milestones, …` (the non-zero counts) for the activity summary. */
export function describeCounts(counts: Partial<ImportPlan['counts']>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([section, n]) => {
      const kind = section.replace(/([A-Z])/g, ' $1').toLowerCase();
      return `${n} ${n === 1 ? kind.replace(/s$/, '').replace(/ie$/, 'y') : kind}`;
    });
  return parts.length ? parts.join(', ') : 'no plan data';
}
