/**
 * The dashboard from its data, as of `today`: only the planning functions of
 * @coalition/domain, the same ones every other screen reads.
 */
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
} from '@coalition/domain';
import type { DashboardData } from './read.ts';

export function computeDashboard(data: DashboardData, today: string) {
  const { coalition } = data;
  const schedule = scheduleHealth(data.milestones, today, LIST_CAP);
  const violations = dependencyViolations(data.milestones, data.dependencies);
  const critical = criticalPath(data.milestones, data.dependencies, today, coalition.goalDate);
  return {
    coalition: {
      id: coalition.id,
      name: coalition.name,
      goal: coalition.goal,
      goalDate: coalition.goalDate,
      description: coalition.description,
      timeZone: coalition.timeZone,
    },
    today,
    daysToGoal: daysBetween(today, coalition.goalDate),
    progress: rollUpProgress(data.milestones, data.tracks, today),
    schedule,
    /** Are we on track for the goal date: read off the critical path, nowhere else. */
    outlook: scheduleOutlook(critical),
    criticalPath: critical,
    dependencyViolations: violations.slice(0, LIST_CAP),
    dependencyViolationCount: violations.length,
    momentum: momentumSeries(data.milestones, data.partners, todayIn(coalition.timeZone, coalition.createdAt), today),
    balance: coalitionBalance(data.partners, data.tracks, data.assignments),
    bottlenecks: data.bottlenecks,
    recentActivity: data.recentActivity,
  };
}

export type Dashboard = ReturnType<typeof computeDashboard>;
