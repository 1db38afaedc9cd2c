/**
 * Everything the dashboard shows, for one coalition, in a FIXED number of SQL queries
 * (DASHBOARD_QUERY_COUNT, whatever the size of the plan): each table is read once with
 * only the columns needed, inside one read transaction (a consistent snapshot), and
 * everything else is computed in memory by the planning functions of @coalition/domain, the
 * same ones every other screen reads.
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@coalition/db';
import {
  activity,
  bottlenecks,
  coalitions,
  milestoneDependencies,
  milestones,
  partners,
  trackAssignments,
  tracks,
  users,
} from '@coalition/db/schema';
import {
  coalitionBalance,
  criticalPath,
  daysBetween,
  dependencyViolations,
  LIST_CAP,
  momentumSeries,
  rollUpProgress,
  scheduleHealth,
  scheduleOutlook,
  todayIn,
  type PlanAssignment,
  type PlanDependency,
  type PlanMilestone,
  type PlanPartner,
  type PlanTrack,
} from '@coalition/domain';
import { notFound } from '../errors.ts';

/** Queries run by buildDashboard: coalition, tracks, milestones, dependencies, partners, assignments, bottleneck counts, recent activity. */
export const DASHBOARD_QUERY_COUNT = 8;
export const RECENT_ACTIVITY_LIMIT = 10;

interface DashboardData {
  coalition: { id: string; name: string; goal: string; goalDate: string; description: string; timeZone: string; createdAt: number };
  tracks: PlanTrack[];
  milestones: PlanMilestone[];
  dependencies: PlanDependency[];
  partners: PlanPartner[];
  assignments: PlanAssignment[];
  bottlenecks: { open: number; critical: number };
  recentActivity: {
    id: number;
    action: string;
    summary: string;
    entityType: string;
    entityId: string;
    createdAt: number;
    actor: { id: string; name: string } | null;
  }[];
}

/** The 8 queries, each scoped by an indexed `coalition_id`. */
function loadDashboardData(db: Db, coalitionId: string): DashboardData {
  return db.transaction(
    (tx) => {
      const coalition = tx
        .select({
          id: coalitions.id,
          name: coalitions.name,
          goal: coalitions.goal,
          goalDate: coalitions.goalDate,
          description: coalitions.description,
          timeZone: coalitions.timeZone,
          createdAt: coalitions.createdAt,
        })
        .from(coalitions)
        .where(eq(coalitions.id, coalitionId))
        .get();
      if (!coalition) throw notFound('Coalition');

      const trackRows = tx
        .select({ id: tracks.id, name: tracks.name, color: tracks.color, position: tracks.position, status: tracks.status })
        .from(tracks)
        .where(eq(tracks.coalitionId, coalitionId))
        .orderBy(tracks.position)
        .all();

      const milestoneRows = tx
        .select({
          id: milestones.id,
          trackId: milestones.trackId,
          title: milestones.title,
          startDate: milestones.startDate,
          dueDate: milestones.dueDate,
          status: milestones.status,
          progress: milestones.progress,
          completedOn: milestones.completedOn,
        })
        .from(milestones)
        .where(eq(milestones.coalitionId, coalitionId))
        .all();

      const dependencyRows = tx
        .select({ milestoneId: milestoneDependencies.milestoneId, dependsOnId: milestoneDependencies.dependsOnId })
        .from(milestoneDependencies)
        .where(eq(milestoneDependencies.coalitionId, coalitionId))
        .all();

      const partnerRows = tx
        .select({
          id: partners.id,
          name: partners.name,
          kind: partners.kind,
          contributions: partners.contributions,
          influence: partners.influence,
          interest: partners.interest,
          stage: partners.stage,
          committedOn: partners.committedOn,
        })
        .from(partners)
        .where(eq(partners.coalitionId, coalitionId))
        .all();

      const assignmentRows = tx
        .select({ partnerId: trackAssignments.partnerId, trackId: trackAssignments.trackId, role: trackAssignments.role })
        .from(trackAssignments)
        .where(eq(trackAssignments.coalitionId, coalitionId))
        .all();

      const counts = tx
        .select({
          open: sql<number>`coalesce(sum(${bottlenecks.status} <> 'resolved'), 0)`,
          critical: sql<number>`coalesce(sum(${bottlenecks.status} <> 'resolved' AND ${bottlenecks.severity} = 'critical'), 0)`,
        })
        .from(bottlenecks)
        .where(eq(bottlenecks.coalitionId, coalitionId))
        .get();

      const activityRows = tx
        .select({
          id: activity.id,
          action: activity.action,
          summary: activity.summary,
          entityType: activity.entityType,
          entityId: activity.entityId,
          createdAt: activity.createdAt,
          actorId: users.id,
          actorName: users.name,
        })
        .from(activity)
        .leftJoin(users, eq(users.id, activity.actorId))
        .where(eq(activity.coalitionId, coalitionId))
        .orderBy(desc(activity.id))
        .limit(RECENT_ACTIVITY_LIMIT)
        .all();

      return {
        coalition,
        tracks: trackRows,
        milestones: milestoneRows,
        dependencies: dependencyRows,
        partners: partnerRows.map((p) => ({ ...p, contributions: Array.isArray(p.contributions) ? p.contributions : [] })),
        assignments: assignmentRows,
        bottlenecks: { open: Number(counts?.open ?? 0), critical: Number(counts?.critical ?? 0) },
        recentActivity: activityRows.map(({ actorId, actorName, ...a }) => ({
          ...a,
          actor: actorId !== null && actorName !== null ? { id: actorId, name: actorName } : null,
        })),
      };
    },
    { behavior: 'deferred' },
  );
}

/** The dashboard as of `today` (the coalition's calendar date unless a test gives one). */
export function buildDashboard(db: Db, coalitionId: string, now: number, today?: string) {
  const data = loadDashboardData(db, coalitionId);
  const { coalition } = data;
  const day = today ?? todayIn(coalition.timeZone, now);
  const schedule = scheduleHealth(data.milestones, day, LIST_CAP);
  const violations = dependencyViolations(data.milestones, data.dependencies);
  const critical = criticalPath(data.milestones, data.dependencies, day, coalition.goalDate);
  return {
    coalition: {
      id: coalition.id,
      name: coalition.name,
      goal: coalition.goal,
      goalDate: coalition.goalDate,
      description: coalition.description,
      timeZone: coalition.timeZone,
    },
    today: day,
    daysToGoal: daysBetween(day, coalition.goalDate),
    progress: rollUpProgress(data.milestones, data.tracks, day),
    schedule,
    /** Are we on track for the goal date: read off the critical path, nowhere else. */
    outlook: scheduleOutlook(critical),
    criticalPath: critical,
    dependencyViolations: violations.slice(0, LIST_CAP),
    dependencyViolationCount: violations.length,
    momentum: momentumSeries(data.milestones, data.partners, todayIn(coalition.timeZone, coalition.createdAt), day),
    balance: coalitionBalance(data.partners, data.tracks, data.assignments),
    bottlenecks: data.bottlenecks,
    recentActivity: data.recentActivity,
  };
}

export type Dashboard = ReturnType<typeof buildDashboard>;
