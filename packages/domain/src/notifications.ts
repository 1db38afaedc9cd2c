/**
 * The inbox's rules, once: who is told of a change, and who follows what. Pure functions of an
 * activity row (action, actor, entity, data) and the people around it; the API stores what they
 * return, the screens word it with `NOTIFICATION_KIND_LABELS`.
 */

export const NOTIFICATION_KINDS = ['mention', 'responsible', 'role_given', 'status_change', 'comment', 'due_soon', 'overdue'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  mention: 'Mentioned you',
  responsible: 'Made you responsible',
  role_given: 'Changed your role',
  status_change: 'Status changed',
  comment: 'New comment',
  due_soon: 'Due soon',
  overdue: 'Overdue',
};

/** What can be followed (and commented on). */
export const FOLLOWABLE = ['milestone', 'partner', 'track', 'bottleneck'] as const;
export type Followable = (typeof FOLLOWABLE)[number];
export const isFollowable = (entityType: string): entityType is Followable => (FOLLOWABLE as readonly string[]).includes(entityType);

export interface ChangeForInbox {
  action: string;
  actorId: string | null;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
}

export interface Recipient {
  userId: string;
  kind: NotificationKind;
}

/** One notification a person per change: the most personal reason wins. */
const PRIORITY: Record<NotificationKind, number> = { mention: 0, responsible: 1, role_given: 2, status_change: 3, comment: 4, due_soon: 5, overdue: 6 };

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const changedTo = (data: Record<string, unknown>, field: string): unknown => {
  const pair = data[field];
  return Array.isArray(pair) && pair.length === 2 ? pair[1] : undefined;
};

/**
 * The people `change` itself names, whoever follows what: those it mentions, the member it
 * makes responsible (for a milestone or a dialogue's next step), the member whose role it
 * changes. Unfiltered: the actor and former members are dropped by `recipientsOf`.
 */
export function namedIn(change: ChangeForInbox): Recipient[] {
  const { action, data } = change;
  const named: Recipient[] = [];
  const add = (userId: unknown, kind: NotificationKind) => {
    if (typeof userId === 'string') named.push({ userId, kind });
  };
  if (action === 'comment.added') {
    for (const id of ids(data.mentions)) add(id, 'mention');
  } else if (action === 'milestone.created') {
    add(data.responsibleUserId, 'responsible');
  } else if (action === 'milestone.updated' || action === 'bottleneck.updated') {
    add(changedTo(data, 'responsibleUserId'), 'responsible');
  } else if (action === 'interaction.logged') {
    add(data.nextStepUserId, 'responsible');
  } else if (action === 'interaction.updated') {
    add(changedTo(data, 'nextStepUserId'), 'responsible');
  } else if (action === 'member.role_changed') {
    add(change.entityId, 'role_given');
  }
  return named;
}

/** Whether anyone at all may hear of `change`: it names someone, or what it is about has followers. */
export function mayNotify(change: ChangeForInbox, followerCount: number): boolean {
  return followerCount > 0 || namedIn(change).length > 0;
}

/**
 * Who hears of `change`: the people it names (`namedIn`), and the followers of what it is
 * about when it changes a status or adds a comment. Never the actor; only current `members`.
 */
export function recipientsOf(change: ChangeForInbox, followers: readonly string[], members: ReadonlySet<string>): Recipient[] {
  const out = new Map<string, NotificationKind>();
  const add = (userId: string, kind: NotificationKind) => {
    if (userId === change.actorId || !members.has(userId)) return;
    const current = out.get(userId);
    if (current === undefined || PRIORITY[kind] < PRIORITY[current]) out.set(userId, kind);
  };
  for (const r of namedIn(change)) add(r.userId, r.kind);
  const { action, data } = change;
  if (action === 'comment.added') {
    for (const id of followers) add(id, 'comment');
  } else if ((action === 'milestone.updated' || action === 'bottleneck.updated') && changedTo(data, 'status') !== undefined) {
    for (const id of followers) add(id, 'status_change');
  }
  return [...out].map(([userId, kind]) => ({ userId, kind }));
}

/**
 * What the actor of `change` follows from now on: what they created, edited or commented on
 * (people follow an item by working on it), and the milestone a change makes someone
 * responsible for (that person follows it).
 */
export function followsFrom(change: ChangeForInbox): { userId: string; entityType: Followable; entityId: string }[] {
  const out: { userId: string; entityType: Followable; entityId: string }[] = [];
  const [domain, verb] = change.action.split('.') as [string, string | undefined];
  const worksOn = verb === 'created' || verb === 'updated' || change.action === 'comment.added';
  if (change.actorId && worksOn && isFollowable(change.entityType) && (domain === change.entityType || domain === 'comment')) {
    out.push({ userId: change.actorId, entityType: change.entityType, entityId: change.entityId });
  }
  if (change.entityType === 'milestone') {
    const responsible = change.action === 'milestone.created' ? change.data.responsibleUserId : changedTo(change.data, 'responsibleUserId');
    if (typeof responsible === 'string' && responsible !== change.actorId) out.push({ userId: responsible, entityType: 'milestone', entityId: change.entityId });
  }
  return out;
}
