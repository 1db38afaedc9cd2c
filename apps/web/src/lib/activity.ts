/**
 * Reading activity rows: what kind of change a row is, where its item lives, and its field
 * changes as "status: Planned → Done". Pure helpers (the activity screen renders them).
 */
import { activityTarget, labelOf, type ActivityDomain, type ActivityRowRef, type EnumName } from '@coalition/domain';
import { formatDate } from './dates.ts';
import { pathOf } from './paths.ts';

export type ActivityKind = 'milestone' | 'partner' | 'track' | 'assignment' | 'bottleneck' | 'comment' | 'member' | 'coalition';

export interface ActivityKindInfo {
  value: ActivityKind;
  label: string;
  /**
   * The server-side `entityType` filter that holds every row of this kind (a superset), when
   * there is one: assignments are logged on the partner, comments on their target, so those
   * kinds are told apart by the action's prefix on the client.
   */
  entityType?: string;
  /** The action domains (`milestone` of `milestone.updated`) this kind holds. */
  prefixes: readonly `${ActivityDomain}.`[];
}

export const ACTIVITY_KINDS: readonly ActivityKindInfo[] = [
  { value: 'milestone', label: 'Milestones', entityType: 'milestone', prefixes: ['milestone.'] },
  { value: 'partner', label: 'Partners', entityType: 'partner', prefixes: ['partner.'] },
  { value: 'track', label: 'Tracks', prefixes: ['track.'] },
  { value: 'assignment', label: 'Track roles (matrix)', entityType: 'partner', prefixes: ['assignment.'] },
  { value: 'bottleneck', label: 'Bottlenecks', entityType: 'bottleneck', prefixes: ['bottleneck.'] },
  { value: 'comment', label: 'Comments', prefixes: ['comment.'] },
  { value: 'member', label: 'Members and invitations', prefixes: ['member.', 'invitation.'] },
  { value: 'coalition', label: 'Coalition settings', entityType: 'coalition', prefixes: ['coalition.', 'publicPage.'] },
];

export function kindInfo(kind: string | null | undefined): ActivityKindInfo | undefined {
  return ACTIVITY_KINDS.find((k) => k.value === kind);
}

export function matchesKind(action: string, kind: ActivityKindInfo | undefined): boolean {
  return !kind || kind.prefixes.some((p) => action.startsWith(p));
}

/** Where the item a row is about lives (undefined when it was deleted or has no screen): the domain's `activityTarget`. */
export function activityHref(coalitionId: string, row: ActivityRowRef): string | undefined {
  const target = activityTarget(row);
  return target ? pathOf(coalitionId, target) : undefined;
}

/** A change of one field. */
export interface FieldChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

const FIELD_LABEL: Record<string, string> = {
  trackId: 'track',
  ownerPartnerId: 'owner',
  startDate: 'start',
  dueDate: 'due',
  completedOn: 'completed on',
  goalDate: 'goal date',
  dependsOn: 'dependencies',
  body: 'comment',
  milestoneId: 'milestone',
  estimateOptimistic: 'optimistic estimate',
  estimateLikely: 'likely estimate',
  estimatePessimistic: 'pessimistic estimate',
  thresholdAct: 'act that counts',
  actedOn: 'date',
};

/** Actions whose `data` is `{ field: [before, after] }` (the others hold a snapshot). */
function holdsDiffs(action: string): boolean {
  const [domain, verb] = action.split('.');
  return verb === 'updated' || verb === 'act_updated' || verb === 'role_changed' || verb === 'edited' || domain === 'assignment';
}

export function fieldChanges(action: string, data: unknown): FieldChange[] {
  if (!holdsDiffs(action) || !data || typeof data !== 'object' || Array.isArray(data)) return [];
  return Object.entries(data as Record<string, unknown>)
    .filter((e): e is [string, [unknown, unknown]] => Array.isArray(e[1]) && e[1].length === 2)
    .map(([field, [before, after]]) => ({
      field,
      label: FIELD_LABEL[field] ?? field.replace(/([A-Z])/g, ' $1').toLowerCase(),
      before,
      after,
    }));
}

/** The comment excerpt a comment row carries, if any. */
export function commentExcerpt(action: string, data: unknown): string | undefined {
  if (!action.startsWith('comment.') || !data || typeof data !== 'object') return undefined;
  const excerpt = (data as { excerpt?: unknown }).excerpt;
  return typeof excerpt === 'string' && excerpt ? excerpt : undefined;
}

/** Which label set an enum-valued field uses, by what the row is about. */
function enumFor(action: string, entityType: string, field: string): EnumName | undefined {
  const domain = action.split('.')[0];
  if (field === 'status') {
    if (domain === 'milestone') return 'milestoneStatus';
    if (domain === 'track') return 'trackStatus';
    if (domain === 'bottleneck') return 'bottleneckStatus';
  }
  if (field === 'role') return domain === 'assignment' ? 'assignmentRole' : 'role';
  if (field === 'thresholdAct' || (field === 'act' && domain === 'milestone')) return 'thresholdAct';
  if (field === 'stage') return 'stage';
  if (field === 'kind' && entityType === 'partner') return 'kind';
  if (field === 'severity') return 'severity';
  if (field === 'contributions') return 'contribution';
  return undefined;
}

const DATE_FIELDS = new Set(['startDate', 'dueDate', 'completedOn', 'goalDate', 'estimateOptimistic', 'estimateLikely', 'estimatePessimistic', 'actedOn']);
const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface NameLookup {
  track?: (id: string) => string | undefined;
  partner?: (id: string) => string | undefined;
}

/** One side of a change, in words. */
export function formatChangeValue(row: { action: string; entityType: string }, field: string, value: unknown, names: NameLookup = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  const en = enumFor(row.action, row.entityType, field);
  if (Array.isArray(value)) {
    if (en) return value.length === 0 ? 'none' : value.map((v) => labelOf(en, String(v))).join(', ');
    return value.length === 0 ? 'none' : `${value.length}`;
  }
  if (en) return labelOf(en, String(value));
  if (field === 'progress') return `${String(value)}%`;
  if (DATE_FIELDS.has(field)) return formatDate(String(value));
  if (field === 'trackId') return names.track?.(String(value)) ?? 'a removed track';
  if (field === 'ownerPartnerId') return names.partner?.(String(value)) ?? 'a partner';
  if (typeof value === 'object') return 'changed';
  return short(String(value));
}
