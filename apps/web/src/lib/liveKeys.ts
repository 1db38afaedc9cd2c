/**
 * Which cached queries a live change event makes stale — and only those (never "everything").
 *
 * Pure: no React, no tRPC proxy. A key is tRPC's query-key shape without the `type` field,
 * `[['milestone', 'list'], { input: { coalitionId } }]`, so TanStack's partial matching hits
 * every variant: plain and infinite queries, and every filter/sort/limit of a list.
 *
 * Actions are read by their prefix (`milestone.updated` → milestone), not by `entityType`:
 * assignment changes are logged on the partner, comments on their target, `track.reordered`
 * on the coalition.
 */
import type { QueryKey } from '@tanstack/react-query';
import { COMMENT_TARGETS, isFollowable, type ActivityAction } from '@coalition/domain';
import type { AppRouter, RouterInputs } from './trpc.ts';

type Records = AppRouter['_def']['record'];
type RouterName = keyof Records & string;

/**
 * Every query procedure as `router.procedure`, read off the router's type: renaming or
 * removing a procedure breaks every key built for it at compile time.
 */
export type QueryPath = {
  [R in RouterName]: {
    [P in keyof Records[R] & string]: Records[R][P] extends { _def: { type: 'query' } } ? `${R}.${P}` : never;
  }[keyof Records[R] & string];
}[RouterName];

/** The input of a query path (without `void` for procedures that take none). */
type InputOf<P extends QueryPath> = P extends `${infer R extends keyof RouterInputs}.${infer Q}`
  ? Q extends keyof RouterInputs[R]
    ? Exclude<RouterInputs[R][Q], void | undefined>
    : never
  : never;

/** The parts of an activity row that decide what it touches. */
export interface LiveChange {
  action: string;
  entityType: string;
  entityId: string;
  /** `{ field: [before, after] }` for updates; a snapshot otherwise. */
  data?: unknown;
}

/**
 * `[['router', 'proc'], { input }]`, or `[['router', 'proc']]` for a procedure without input:
 * the shape @trpc/tanstack-react-query gives its keys, without `type`, so it matches plain and
 * infinite queries alike, and any input that contains the partial one given here.
 */
export function liveKey<P extends QueryPath>(path: P, input?: Partial<InputOf<P>>): QueryKey {
  const split = path.split('.');
  return input === undefined ? [split] : [split, { input }];
}

const IS_COMMENT_TARGET = new Set<string>(COMMENT_TARGETS);
/** Milestone fields that other milestones' details show (titles in dependency lists, late-dependency flags). */
const MILESTONE_FIELDS_SEEN_ELSEWHERE = ['title', 'dueDate', 'startDate', 'status', 'completedOn', 'trackId', 'dependsOn'];

function changedFields(data: unknown): string[] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  return Object.keys(data);
}

/**
 * The query keys a change makes stale, most specific first, without duplicates. Every event
 * also lands in the activity feeds (`activity.list`, every filter) and the dashboard's
 * recent-activity panel (`coalition.dashboard`).
 */
export function keysForEvent(event: LiveChange, coalitionId: string): QueryKey[] {
  const c = { coalitionId };
  const k = <P extends QueryPath>(path: P, extra?: Partial<InputOf<P>>) => liveKey(path, { ...c, ...extra } as unknown as Partial<InputOf<P>>);
  const [domain = '', verb = ''] = event.action.split('.');
  const fields = changedFields(event.data);
  const keys: QueryKey[] = [];
  // An item coming back (an undone delete) touches the same screens as its going did.
  const goneOrBack = verb === 'deleted' || verb === 'restored';

  switch (domain) {
    case 'milestone': {
      if (verb === 'eligible_set' || verb.startsWith('act_')) {
        // A threshold milestone's eligible partners or acts: its whip-count board and its detail; an act
        // moves its progress too (lists, timeline, track and coalition roll-ups). A status change it
        // causes comes as its own `milestone.updated` event.
        keys.push(k('threshold.board', { milestoneId: event.entityId }), k('milestone.get', { milestoneId: event.entityId }));
        if (verb !== 'eligible_set') keys.push(k('milestone.list'), k('milestone.timeline'), k('track.list'), liveKey('coalition.list'));
        break;
      }
      // The board shows the milestone's title, status and threshold.
      if (verb !== 'created') keys.push(k('threshold.board', { milestoneId: event.entityId }));
      const structural = verb !== 'updated' || fields.some((f) => MILESTONE_FIELDS_SEEN_ELSEWHERE.includes(f));
      keys.push(
        k('milestone.list'),
        // A dependency, title or date change shows in the other milestones' details too.
        structural ? k('milestone.get') : k('milestone.get', { milestoneId: event.entityId }),
        k('milestone.timeline'),
        k('track.list'),
        // Dates, status, dependencies and ranged estimates all move the odds.
        k('forecast.get'),
      );
      // The roll-up on the home screen's card.
      if (verb !== 'updated' || fields.some((f) => f === 'status' || f === 'progress')) keys.push(liveKey('coalition.list'));
      // Partner detail counts the milestones a partner owns.
      if (verb === 'created' || goneOrBack || fields.includes('ownerPartnerId')) keys.push(k('partner.get'));
      // Bottlenecks show their milestone's title.
      if (goneOrBack || fields.includes('title')) keys.push(k('bottleneck.list'));
      if (goneOrBack || fields.includes('title')) keys.push(k('comment.mentions'));
      // The slips list compares due dates (and names titles); a deleted milestone leaves the baselines' dates.
      if (goneOrBack || fields.includes('dueDate') || fields.includes('title')) keys.push(k('baseline.slips'));
      if (goneOrBack) keys.push(k('baseline.dates'), k('baseline.list'));
      break;
    }
    case 'baseline':
      // Saved or deleted: which is the latest (the ghost bars, the slips list) and the picker's list.
      keys.push(k('baseline.list'), k('baseline.dates'), k('baseline.slips'));
      break;
    case 'partner': {
      keys.push(k('partner.list'), verb === 'created' ? k('partner.get') : k('partner.get', { partnerId: event.entityId }), k('assignment.matrix'));
      if (goneOrBack) {
        // Partner counts per track; the milestones it owned lose (or get back) their owner; its dialogue log and positions go (or come back);
        // …and its acts toward threshold milestones, hence their pace and the odds.
        keys.push(
          k('track.list'),
          k('milestone.list'),
          k('milestone.get'),
          k('milestone.timeline'),
          k('comment.mentions'),
          k('interaction.coverage'),
          k('interaction.list', { partnerId: event.entityId }),
          k('position.list', { partnerId: event.entityId }),
          k('position.current'),
          k('position.supportGrowth'),
          k('forecast.get'),
        );
      } else if (fields.includes('name')) {
        keys.push(k('comment.mentions'));
      }
      // Whip-count boards list eligible partners by name, kind and country (and lose a deleted one's acts).
      if (goneOrBack || fields.some((f) => f === 'name' || f === 'kind' || f === 'country')) keys.push(k('threshold.board'));
      break;
    }
    case 'assignment':
      // Logged on the partner (entityId = partnerId, trackId = the track).
      keys.push(k('assignment.matrix'), k('track.list'), k('partner.list'), k('partner.get', { partnerId: event.entityId }));
      break;
    case 'track': {
      keys.push(k('track.list'), k('assignment.matrix'), k('milestone.timeline'));
      if (verb === 'updated' || goneOrBack) {
        // Track names and colours are joined into partner details and bottleneck cards.
        keys.push(k('partner.get'), k('bottleneck.list'));
        if (goneOrBack || fields.includes('name')) keys.push(k('comment.mentions'));
      }
      if (goneOrBack) {
        // Its milestones become coalition-wide (or get it back), its assignments and the positions on it go (or come back).
        keys.push(k('partner.list'), k('milestone.list'), k('milestone.get'), k('position.list'));
      } else if (fields.includes('name')) {
        keys.push(k('position.list'));
      }
      break;
    }
    case 'interaction':
      // Logged on the partner (entityId = partnerId): its log, and the dashboard's coverage.
      keys.push(k('interaction.list', { partnerId: event.entityId }), k('interaction.coverage'));
      // Its positions show the interaction's day and kind (a deleted one unlinks them).
      if (verb !== 'logged') keys.push(k('position.list', { partnerId: event.entityId }));
      // A new day moves the positions it showed, hence today's positions and the support chart.
      if (fields.includes('occurredOn')) keys.push(k('position.current'), k('position.supportGrowth'), k('threshold.board'));
      break;
    case 'position':
      // Logged on the partner: its positions, the partners list's and map's current positions, the support chart,
      // and the whip-count boards (an eligible partner's position puts it in a group).
      keys.push(k('position.list', { partnerId: event.entityId }), k('position.current'), k('position.supportGrowth'), k('threshold.board'));
      break;
    case 'bottleneck':
      keys.push(k('bottleneck.list'));
      if (goneOrBack || fields.includes('title')) keys.push(k('comment.mentions'));
      break;
    case 'comment':
      if (IS_COMMENT_TARGET.has(event.entityType)) {
        keys.push(k('comment.list', { targetType: event.entityType as (typeof COMMENT_TARGETS)[number], targetId: event.entityId }));
      }
      keys.push(k('comment.mentions'));
      break;
    case 'member':
      keys.push(k('member.list'));
      // An accepted invitation changes its status in the owner's list.
      if (verb === 'joined') keys.push(k('invitation.list'));
      break;
    case 'invitation':
      keys.push(k('invitation.list'));
      break;
    case 'publicPage':
      // Logged on the coalition: owners' status card.
      keys.push(k('publicPage.status'));
      break;
    case 'coalition':
      keys.push(k('coalition.get'), liveKey('coalition.list'));
      // A new time zone moves "today": the track list's overdue counts follow it.
      if (fields.includes('timeZone')) keys.push(k('track.list'));
      // The odds are of being ready by the goal date, as of today.
      if (verb !== 'updated' || fields.includes('goalDate') || fields.includes('timeZone')) keys.push(k('forecast.get'));
      break;
    default:
      break;
  }
  // Working on an item (creating, editing, commenting on it) follows it: its Follow toggle turns on.
  if (isFollowable(event.entityType) && (verb === 'created' || verb === 'updated' || event.action === 'comment.added')) {
    keys.push(k('inbox.following', { entityType: event.entityType, entityId: event.entityId }));
  }
  // A restored item brings back its discussion and its followers.
  if (verb === 'restored' && domain === event.entityType && isFollowable(event.entityType)) {
    keys.push(
      k('comment.list', { targetType: event.entityType, targetId: event.entityId }),
      k('inbox.following', { entityType: event.entityType, entityId: event.entityId }),
    );
  }
  keys.push(k('activity.list'), k('coalition.dashboard'));
  return dedupe(keys);
}

function dedupe(keys: QueryKey[]): QueryKey[] {
  const seen = new Set<string>();
  return keys.filter((key) => {
    const id = JSON.stringify(key);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * A change made by this tab, described as the activity row the server logs for it, so the
 * tab's own mutations and everyone else's live events refresh through the same `keysForEvent`.
 * `fields` names what changed (for updates); `entityType` defaults to the action's domain.
 */
export function ownChange(action: ActivityAction, entityId: string, fields: readonly string[] = [], entityType?: string): LiveChange {
  const domain = action.split('.')[0]!;
  return {
    action,
    entityType: entityType ?? (domain === 'assignment' || domain === 'interaction' || domain === 'position' ? 'partner' : domain === 'track' && action === 'track.reordered' ? 'coalition' : domain),
    entityId,
    data: Object.fromEntries(fields.map((f) => [f, [null, null]])),
  };
}

/** True for a tRPC query key whose input names this coalition (for a resync or a removal). */
export function isCoalitionQuery(queryKey: QueryKey, coalitionId: string): boolean {
  const meta = queryKey[1];
  if (!meta || typeof meta !== 'object') return false;
  const input = (meta as { input?: unknown }).input;
  return !!input && typeof input === 'object' && (input as { coalitionId?: unknown }).coalitionId === coalitionId;
}
