/**
 * The whole data model of the coalition planner (see DESIGN.md). The enumerations come from
 * @coalition/domain (one definition); every CHECK constraint is built from them.
 *
 * This module holds no driver: `@coalition/db/schema` can be imported wherever the table
 * shapes are needed without opening a database.
 *
 * Conventions:
 * - ids are random text ids (see `newId`), never sequential, so they cannot be guessed;
 *   the activity log is the exception: its integer id doubles as the event id clients
 *   resume from after a dropped live connection.
 * - instants are integer milliseconds since the epoch; calendar dates (start, due, goal,
 *   completion) are ISO `YYYY-MM-DD` text, checked with SQLite's own `date()`.
 * - every plan row carries `coalition_id`, so each query and each authorization check is
 *   scoped by one indexed column; editable rows carry `version` for lost-update detection.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import {
  ASSIGNMENT_ROLES,
  BOTTLENECK_SEVERITIES,
  BOTTLENECK_STATUSES,
  COMMENT_TARGETS,
  DEFAULT_TIME_ZONE,
  EMAIL_MODES,
  EMAIL_STATUSES,
  ENGAGEMENT_STAGES,
  JOB_KINDS,
  JOB_STATUSES,
  FOLLOWABLE,
  INTERACTION_KINDS,
  MILESTONE_STATUSES,
  NOTIFICATION_KINDS,
  PARTNER_KINDS,
  POSITIONS,
  ROLES,
  THRESHOLD_ACTS,
  TRACK_STATUSES,
  UNDO_KINDS,
  type Contribution,
} from '@coalition/domain';

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
const isDate = (column: string) => sql.raw(`date(${column}) IS ${column}`);
const isOptionalDate = (column: string) => sql.raw(`${column} IS NULL OR date(${column}) IS ${column}`);

const timestamps = {
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
};

// ---------------------------------------------------------------------------
// Accounts and sessions
// ---------------------------------------------------------------------------

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    // Emails are unique case-insensitively.
    uniqueIndex('users_email_lower_uq').on(sql`lower(${t.email})`),
    check('users_email_len', sql`length(${t.email}) BETWEEN 3 AND 254`),
    check('users_name_len', sql`length(${t.name}) BETWEEN 1 AND 100`),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the session token, hex encoded. The token itself is never stored. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Sliding expiry (ms). */
    expiresAt: integer('expires_at').notNull(),
    /** Absolute cap (ms): the session ends then, however active. */
    absoluteExpiresAt: integer('absolute_expires_at').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// ---------------------------------------------------------------------------
// Workspace and membership
// ---------------------------------------------------------------------------

export const coalitions = sqliteTable(
  'coalitions',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    goal: text('goal').notNull(),
    goalDate: text('goal_date').notNull(),
    description: text('description').notNull().default(''),
    /** IANA time zone whose calendar decides the coalition's "today" (countdown, overdue, due soon). */
    timeZone: text('time_zone').notNull().default(DEFAULT_TIME_ZONE),
    /** The template it was created from, if any. */
    template: text('template'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    check('coalitions_goal_date', isDate('goal_date')),
    check('coalitions_name_len', sql`length(${t.name}) BETWEEN 1 AND 200`),
  ],
);

export const memberships = sqliteTable(
  'memberships',
  {
    coalitionId: text('coalition_id')
      .notNull()
      .references(() => coalitions.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.coalitionId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    check('memberships_role', inList('role', ROLES)),
  ],
);

export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    coalitionId: text('coalition_id')
      .notNull()
      .references(() => coalitions.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** SHA-256 of the single-use token, hex encoded. */
    tokenHash: text('token_hash').notNull(),
    expiresAt: integer('expires_at').notNull(),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    acceptedAt: integer('accepted_at'),
    acceptedBy: text('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: integer('revoked_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('invitations_token_uq').on(t.tokenHash),
    index('invitations_coalition_idx').on(t.coalitionId, t.createdAt),
    check('invitations_role', inList('role', ROLES)),
  ],
);

// ---------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------

export const partners = sqliteTable(
  'partners',
  {
    id: text('id').primaryKey(),
    coalitionId: text('coalition_id')
      .notNull()
      .references(() => coalitions.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: PARTNER_KINDS }).notNull(),
    country: text('country').notNull().default(''),
    contact: text('contact').notNull().default(''),
    /** JSON array of CONTRIBUTIONS. */
    contributions: text('contributions', { mode: 'json' }).$type<Contribution[]>().notNull().default(sql`'[]'`),
    influence: integer('influence').notNull().default(3),
    interest: integer('interest').notNull().default(3),
    stage: text('stage', { enum: ENGAGEMENT_STAGES }).notNull().default('identified'),
    /** The day the partner first reached `committed` or `champion` (momentum chart). */
    committedOn: text('committed_on'),
    notes: text('notes').notNull().default(''),
    /** The member who keeps the relationship (the policy dialogue); null: nobody yet. */
    relationshipOwnerId: text('relationship_owner_id').references(() => users.id, { onDelete: 'set null' }),
    /** The owner marked this partner's position as public: the public page may name it. */
    positionPublic: integer('position_public', { mode: 'boolean' }).notNull().default(false),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('partners_coalition_name_idx').on(t.coalitionId, t.name),
    index('partners_coalition_kind_idx').on(t.coalitionId, t.kind),
    index('partners_coalition_stage_idx').on(t.coalitionId, t.stage),
    check('partners_kind', inList('kind', PARTNER_KINDS)),
    check('partners_stage', inList('stage', ENGAGEMENT_STAGES)),
    check('partners_influence', sql`${t.influence} BETWEEN 1 AND 5`),
    check('partners_interest', sql`${t.interest} BETWEEN 1 AND 5`),
    check('partners_contributions', sql`json_valid(${t.contributions}) AND json_type(${t.contributions}) = 'array'`),
    check('partners_committed_on', isOptionalDate('committed_on')),
    check('partners_name_len', sql`length(${t.name}) BETWEEN 1 AND 200`),
  ],
);

export const tracks = sqliteTable(
  'tracks',
  {
    id: text('id').primaryKey(),
    coalitionId: text('coalition_id')
      .notNull()
      .references(() => coalitions.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    objective: text('objective').notNull().default(''),
    color: text('color').notNull().default('#2563eb'),
    position: integer('position').notNull(),
    status: text('status', { enum: TRACK_STATUSES }).notNull().default('active'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('tracks_coalition_position_idx').on(t.coalitionId, t.position),
    check('tracks_status', inList('status', TRACK_STATUSES)),
    check('tracks_color', sql`${t.color} GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'`),
    check('tracks_name_len', sql`length(${t.name}) BETWEEN 1 AND 200`),
  ],
);

export const trackAssignments = sqliteTable(
  'track_assignments',
  {
    coalitionId: text('coalition_id')
      .notNull()
      .references(() => coalitions.id, { onDelete: 'cascade' }),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    trackId: text('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ASSIGNMENT_ROLES }).notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.trackId] }),
    index('track_assignments_track_idx').on(t.trackId),
    index('track_assignments_coalition_idx').on(t.coalitionId),
    check('track_assignments_role', inList('role', ASSIGNMENT_ROLES)),
  ],
);

export const milestones = sqliteTable(
  'milestones',
  {
    id: text('id').primaryKey(),
    coalitionId: text('coalition_id')
      .notNull()
      .references(() => coalitions.id, { onDelete: 'cascade' }),
    /** NULL: the milestone belongs to the coalition as a whole (e.g. the summit itself). */
    trackId: text('track_id').references(() => tracks.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startDate: text('start_date'),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: MILESTONE_STATUSES }).notNull().default('planned'),
    progress: integer('progress').notNull().default(0),
    ownerPartnerId: text('owner_partner_id').references(() => partners.id, { onDelete: 'set null' }),
    /** The member of the coalition who sees it through (beside the owner partner); reminded before it is due. */
    responsibleUserId: text('responsible_user_id').references(() => users.id, { onDelete: 'set null' }),
    completedOn: text('completed_on'),
    /**
     * A threshold milestone is reached by a count of partners' acts ("40 states ratify"):
     * the act that counts and how many are needed; both NULL for an ordinary milestone.
     * The eligible partners are in `threshold_eligible`, the acts in `partner_acts`.
     */
    thresholdAct: text('threshold_act', { enum: THRESHOLD_ACTS }),
    threshold: integer('threshold'),
    /** A ranged estimate of the finish (forecast): all three or none, optimistic ≤ likely ≤ pessimistic. */
    estimateOptimistic: text('estimate_optimistic'),
    estimateLikely: text('estimate_likely'),
    estimatePessimistic: text('estimate_pessimistic'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('milestones_coalition_due_idx').on(t.coalitionId, t.dueDate, t.id),
    index('milestones_coalition_status_idx').on(t.coalitionId, t.status),
    index('milestones_track_idx').on(t.trackId),
    index('milestones_owner_idx').on(t.ownerPartnerId),
    index('milestones_responsible_idx').on(t.responsibleUserId, t.dueDate),
    check('milestones_status', inList('status', MILESTONE_STATUSES)),
    check('milestones_progress', sql`${t.progress} BETWEEN 0 AND 100`),
    check('milestones_due_date', isDate('due_date')),
    check('milestones_start_date', isOptionalDate('start_date')),
    check('milestones_completed_on', isOptionalDate('completed_on')),
    check('milestones_start_before_due', sql`${t.startDate} IS NULL OR ${t.startDate} <= ${t.dueDate}`),
    check('milestones_title_len', sql`length(${t.title}) BETWEEN 1 AND 300`),
    check('milestones_threshold_act', sql.raw(`threshold_act IS NULL OR threshold_act IN (${THRESHOLD_ACTS.map((v) => `'${v}'`).join(', ')})`)),
    check(
      'milestones_threshold',
      sql`(${t.thresholdAct} IS NULL AND ${t.threshold} IS NULL) OR (${t.thresholdAct} IS NOT NULL AND ${t.threshold} BETWEEN 1 AND 10000)`,
    ),
    check('milestones_estimate_optimistic', isOptionalDate('estimate_optimistic')),
    check('milestones_estimate_likely', isOptionalDate('estimate_likely')),
    check('milestones_estimate_pessimistic', isOptionalDate('estimate_pessimistic')),
    check(
      'milestones_estimate',
      sql`(${t.estimateOptimistic} IS NULL AND ${t.estimateLikely} IS NULL AND ${t.estimatePessimistic} IS NULL) OR (${t.estimateOptimistic} <= ${t.estimateLikely} AND ${t.estimateLikely} <= ${t.estimatePessimistic})`,
    ),
  ],
);

export const milestoneDependencies = sqliteTable(
  'milestone_dependencies',
  {
    coalitionId: text('coalition_id')
      .notNull()
      .references(() => coalitions.id, { onDelete: 'cascade' }),
    /** The milestone that waits. */
    milestoneId: text('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    /** The milestone it waits for. */
    dependsOnId: text('depends_on_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.milestoneId, t.dependsOnId] }),
    index('milestone_dependencies_depends_on_idx').on(t.dependsOnId),
    index('milestone_dependencies_coalition_idx').on(t.coalitionId),
    check('milestone_dependencies_not_self', sql`${t.milestoneId} <> ${t.dependsOnId}`),
  ],
);

export const bottlenecks = sqliteTable(
  'bottlenecks',
  {
    id: text('id').primaryKey(),
    coalitionId: text('coalition_id')
      .notNull()
      .references(() => coalitions.id, { onDelete: 'cascade' }),
    trackId: text('track_id').references(() => tracks.id, { onDelete: 'set null' }),
    milestoneId: text('milestone_id').references(() => milestones.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    severity: text('severity', { enum: BOTTLENECK_SEVERITIES }).notNull().default('medium'),
    status: text('status', { enum: BOTTLENECK_STATUSES }).notNull().default('open'),
    /** The reframing narrative chosen to get past the obstacle. */
    narrative: text('narrative').notNull().default(''),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('bottlenecks_coalition_idx').on(t.coalitionId, t.status),
    index('bottlenecks_track_idx').on(t.trackId),
    index('bottlenecks_milestone_idx').on(t.milestoneId),
    check('bottlenecks_severity', inList('severity', BOTTLENECK_SEVERITIES)),
    check('bottlenecks_status', inList('status', BOTTLENECK_STATUSES)),
    check('bottlenecks_title_len', sql`length(${t.title}) BETWEEN 1 AND 300`),
  ],
);

export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    coalitionId: text('coalition_id')
      .notNull()
      .references(() => coalitions.id, { onDelete: 'cascade' }),
    targetType: text('target_type', { enum: COMMENT_TARGETS }).notNull(),
    /** Id of the milestone, track, partner or bottleneck; removed with its target by the API. */
    targetId: text('target_id').notNull(),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    /** JSON array of user ids mentioned with @name. */
    mentions: text('mentions', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('comments_target_idx').on(t.coalitionId, t.targetType, t.targetId, t.createdAt),
    check('comments_target_type', inList('target_type', COMMENT_TARGETS)),
    check('comments_body_len', sql`length(${t.body}) BETWEEN 1 AND 10000`),
  ],
);

/** Append-only log of who changed what, when. Its id is also the live-update event id. */
export const activity = sqliteTable(
  'activity',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    coalitionId: text('coalition_id')
      .notNull()
      .references(() => coalitions.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** e.g. `milestone.updated`. */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    /** The track concerned, if any (filtering the feed by track). */
    trackId: text('track_id'),
    summary: text('summary').notNull(),
    /** JSON: for updates `{ field: [before, after] }`; otherwise a snapshot. */
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('activity_coalition_idx').on(t.coalitionId, t.id),
    index('activity_entity_idx').on(t.coalitionId, t.entityType, t.entityId, t.id),
    index('activity_actor_idx').on(t.coalitionId, t.actorId, t.id),
    index('activity_track_idx').on(t.coalitionId, t.trackId, t.id),
  ],
);

// ---------------------------------------------------------------------------
// Calendar feeds
// ---------------------------------------------------------------------------

/**
 * A person's private calendar URLs (`/calendar/<token>.ics`): the due dates of all their
 * coalitions, or of one. The token is the credential; only its SHA-256 is kept, as for sessions.
 * Membership is checked on every fetch: a feed never outlives the person's access.
 */
/** A person's row that goes with the person (deleted with the account). */
const userRef = () =>
  text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });
/** A row that goes with its coalition. */
const coalitionRef = () =>
  text('coalition_id')
    .notNull()
    .references(() => coalitions.id, { onDelete: 'cascade' });

export const calendarFeeds = sqliteTable(
  'calendar_feeds',
  {
    id: text('id').primaryKey(),
    userId: userRef(),
    /** NULL: every coalition the person is a member of (at the time of each fetch). */
    coalitionId: text('coalition_id').references(() => coalitions.id, { onDelete: 'cascade' }),
    /** SHA-256 of the token, hex encoded. The token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Last fetch by a calendar client (ms), written at most every few minutes. */
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_uq').on(t.tokenHash),
    index('calendar_feeds_user_idx').on(t.userId, t.createdAt),
    index('calendar_feeds_coalition_idx').on(t.coalitionId),
  ],
);

/**
 * Who follows what (a milestone, partner, track or bottleneck): people follow what they create,
 * edit or comment on, and what they choose to. Followers hear of its status changes and comments.
 */
export const follows = sqliteTable(
  'follows',
  {
    userId: userRef(),
    coalitionId: coalitionRef(),
    entityType: text('entity_type', { enum: FOLLOWABLE }).notNull(),
    entityId: text('entity_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.entityType, t.entityId] }),
    index('follows_entity_idx').on(t.entityType, t.entityId),
    index('follows_coalition_idx').on(t.coalitionId),
    check('follows_entity_type', inList('entity_type', FOLLOWABLE)),
  ],
);

/**
 * The inbox: what needs a person's attention, across their coalitions. A row points at the
 * activity entry that caused it (a mention, a status change…); `read_at` is set when read.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: userRef(),
    coalitionId: coalitionRef(),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    activityId: integer('activity_id').references(() => activity.id, { onDelete: 'cascade' }),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
    /** Its email: none to send, pending, sent, or failed after the last retry (shown as "not delivered"). */
    emailStatus: text('email_status', { enum: EMAIL_STATUSES }).notNull().default('none'),
    emailError: text('email_error'),
    /** For reminders: one per milestone and due date and kind (`due_soon:<id>:<date>`), never twice. */
    dedupeKey: text('dedupe_key'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id),
    index('notifications_unread_idx').on(t.userId, t.readAt),
    index('notifications_coalition_idx').on(t.coalitionId),
    check('notifications_kind', inList('kind', NOTIFICATION_KINDS)),
    check('notifications_email_status', inList('email_status', EMAIL_STATUSES)),
    uniqueIndex('notifications_dedupe_uq').on(t.userId, t.dedupeKey),
  ],
);

/** How each person hears of each coalition by email (no row: the default, `immediate`). */
export const emailPreferences = sqliteTable(
  'email_preferences',
  {
    userId: userRef(),
    coalitionId: coalitionRef(),
    mode: text('mode', { enum: EMAIL_MODES }).notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.coalitionId] }), check('email_preferences_mode', inList('mode', EMAIL_MODES))],
);

/**
 * Durable background work (emails, daily digests, reminders): a restart neither skips nor
 * repeats a job. `key` makes a job unique (one digest per person per day); a runner claims a
 * job by moving it to `running` with a lease (`locked_until`) in one transaction; a failure is
 * retried with backoff until `attempts` reaches the limit, then `failed`.
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: JOB_KINDS }).notNull(),
    key: text('key').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('pending'),
    runAt: integer('run_at').notNull(),
    lockedUntil: integer('locked_until'),
    attempts: integer('attempts').notNull().default(0),
    lastRunAt: integer('last_run_at'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('jobs_key_uq').on(t.key),
    index('jobs_due_idx').on(t.status, t.runAt),
    check('jobs_kind', inList('kind', JOB_KINDS)),
    check('jobs_status', inList('status', JOB_STATUSES)),
  ],
);

/**
 * Addresses that asked (through the unsubscribe link of an invitation email) never to be sent
 * invitations by email again; an owner can still copy the link and send it themselves.
 */
export const emailSuppressions = sqliteTable('email_suppressions', {
  /** Lower case. */
  email: text('email').primaryKey(),
  createdAt: integer('created_at').notNull(),
});

/** The policy dialogue log: a dated contact with a partner, and the next step it promised. */
export const interactions = sqliteTable(
  'interactions',
  {
    id: text('id').primaryKey(),
    coalitionId: coalitionRef(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: INTERACTION_KINDS }).notNull(),
    occurredOn: text('occurred_on').notNull(),
    /** JSON array of the user ids of our people who were there. */
    ourPeople: text('our_people', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    theirPeople: text('their_people').notNull().default(''),
    summary: text('summary').notNull().default(''),
    ask: text('ask').notNull().default(''),
    outcome: text('outcome').notNull().default(''),
    nextStep: text('next_step').notNull().default(''),
    nextStepDue: text('next_step_due'),
    nextStepUserId: text('next_step_user_id').references(() => users.id, { onDelete: 'set null' }),
    nextStepDoneOn: text('next_step_done_on'),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('interactions_partner_idx').on(t.coalitionId, t.partnerId, t.occurredOn),
    index('interactions_next_step_idx').on(t.coalitionId, t.nextStepDue),
    check('interactions_kind', inList('kind', INTERACTION_KINDS)),
    check('interactions_occurred_on', isDate('occurred_on')),
    check('interactions_next_step_due', isOptionalDate('next_step_due')),
    check('interactions_next_step_done_on', isOptionalDate('next_step_done_on')),
    check('interactions_our_people', sql`json_valid(${t.ourPeople}) AND json_type(${t.ourPeople}) = 'array'`),
  ],
);

/**
 * What a delete removed, kept for a short while so that it can be undone (`undo.restore`):
 * every row the delete removed or unlinked, as JSON (`payload`, shaped by the API's undo
 * service). The id is the undo token the delete returned; `used_at` is set when it is
 * restored (once only); entries past `expires_at` are refused and pruned.
 */
export const undoEntries = sqliteTable(
  'undo_entries',
  {
    id: text('id').primaryKey(),
    coalitionId: coalitionRef(),
    /** Who deleted (they, or an owner, may undo). */
    userId: userRef(),
    kind: text('kind', { enum: UNDO_KINDS }).notNull(),
    /** The deleted item (for an assignment: the partner). */
    entityId: text('entity_id').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [
    index('undo_entries_expires_idx').on(t.expiresAt),
    index('undo_entries_coalition_idx').on(t.coalitionId),
    check('undo_entries_kind', inList('kind', UNDO_KINDS)),
  ],
);

/**
 * Positions over time: each row is a dated change of a partner's position on the goal
 * (`track_id` NULL) or on one track, optionally linked to the interaction that showed it.
 */
export const positionChanges = sqliteTable(
  'position_changes',
  {
    id: text('id').primaryKey(),
    coalitionId: coalitionRef(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    trackId: text('track_id').references(() => tracks.id, { onDelete: 'cascade' }),
    position: text('position', { enum: POSITIONS }).notNull(),
    shownOn: text('shown_on').notNull(),
    interactionId: text('interaction_id').references(() => interactions.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('position_changes_partner_idx').on(t.coalitionId, t.partnerId, t.shownOn),
    index('position_changes_coalition_idx').on(t.coalitionId, t.shownOn),
    check('position_changes_position', inList('position', POSITIONS)),
    check('position_changes_shown_on', isDate('shown_on')),
  ],
);

/** The partners whose acts count toward a threshold milestone. */
export const thresholdEligible = sqliteTable(
  'threshold_eligible',
  {
    coalitionId: coalitionRef(),
    milestoneId: text('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.milestoneId, t.partnerId] }), index('threshold_eligible_partner_idx').on(t.partnerId)],
);

/** A partner's dated act toward a threshold milestone (signed, ratified, voted yes…); one per act. */
export const partnerActs = sqliteTable(
  'partner_acts',
  {
    id: text('id').primaryKey(),
    coalitionId: coalitionRef(),
    milestoneId: text('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    act: text('act', { enum: THRESHOLD_ACTS }).notNull(),
    actedOn: text('acted_on').notNull(),
    note: text('note').notNull().default(''),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('partner_acts_uq').on(t.milestoneId, t.partnerId, t.act),
    index('partner_acts_coalition_idx').on(t.coalitionId, t.actedOn),
    index('partner_acts_partner_idx').on(t.partnerId),
    check('partner_acts_act', inList('act', THRESHOLD_ACTS)),
    check('partner_acts_acted_on', isDate('acted_on')),
  ],
);

/** A named snapshot of the plan's dates; the timeline draws the latest as ghost bars. */
export const baselines = sqliteTable(
  'baselines',
  {
    id: text('id').primaryKey(),
    coalitionId: coalitionRef(),
    name: text('name').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('baselines_coalition_idx').on(t.coalitionId, t.createdAt),
    check('baselines_name_len', sql`length(${t.name}) BETWEEN 1 AND 120`),
  ],
);

/** One milestone's dates in a baseline. */
export const baselineDates = sqliteTable(
  'baseline_dates',
  {
    baselineId: text('baseline_id')
      .notNull()
      .references(() => baselines.id, { onDelete: 'cascade' }),
    milestoneId: text('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    startDate: text('start_date'),
    dueDate: text('due_date').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.baselineId, t.milestoneId] }),
    index('baseline_dates_milestone_idx').on(t.milestoneId),
    check('baseline_dates_due_date', isDate('due_date')),
    check('baseline_dates_start_date', isOptionalDate('start_date')),
  ],
);

/** A due date moved past its baseline, with the reason given when it moved (the slips list). */
export const slips = sqliteTable(
  'slips',
  {
    id: text('id').primaryKey(),
    coalitionId: coalitionRef(),
    milestoneId: text('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    baselineId: text('baseline_id')
      .notNull()
      .references(() => baselines.id, { onDelete: 'cascade' }),
    fromDue: text('from_due').notNull(),
    toDue: text('to_due').notNull(),
    reason: text('reason').notNull(),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('slips_coalition_idx').on(t.coalitionId, t.createdAt),
    index('slips_milestone_idx').on(t.milestoneId, t.createdAt),
    check('slips_from_due', isDate('from_due')),
    check('slips_to_due', isDate('to_due')),
    check('slips_reason_len', sql`length(${t.reason}) BETWEEN 1 AND 1000`),
  ],
);

/**
 * The coalition's public page: a secret link (only its SHA-256 is kept) that shows a
 * read-only summary without signing in. Revoking sets `revoked_at`; one live link at a time.
 */
export const publicLinks = sqliteTable(
  'public_links',
  {
    id: text('id').primaryKey(),
    coalitionId: coalitionRef(),
    tokenHash: text('token_hash').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('public_links_token_uq').on(t.tokenHash), index('public_links_coalition_idx').on(t.coalitionId)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Coalition = typeof coalitions.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type Partner = typeof partners.$inferSelect;
export type Track = typeof tracks.$inferSelect;
export type TrackAssignment = typeof trackAssignments.$inferSelect;
export type Milestone = typeof milestones.$inferSelect;
export type MilestoneDependency = typeof milestoneDependencies.$inferSelect;
export type Bottleneck = typeof bottlenecks.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type Activity = typeof activity.$inferSelect;
export type CalendarFeed = typeof calendarFeeds.$inferSelect;
export type Follow = typeof follows.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type EmailPreference = typeof emailPreferences.$inferSelect;
export type Job = typeof jobs.$inferSelect;
export type Interaction = typeof interactions.$inferSelect;
export type UndoEntry = typeof undoEntries.$inferSelect;
export type PositionChangeRow = typeof positionChanges.$inferSelect;
export type PartnerAct = typeof partnerActs.$inferSelect;
export type Baseline = typeof baselines.$inferSelect;
export type Slip = typeof slips.$inferSelect;
export type PublicLink = typeof publicLinks.$inferSelect;
