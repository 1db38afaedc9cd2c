/** Dependency problems: milestones due before something they wait for can finish. */
import { finishDate, isLateDependency } from '../rules/milestones.ts';
import { cmp, type PlanDependency, type PlanMilestone } from './types.ts';

export interface DependencyViolation {
  milestoneId: string;
  title: string;
  dueDate: string;
  dependsOnId: string;
  dependsOnTitle: string;
  dependsOnFinish: string;
}

/**
 * Every late dependency (see `isLateDependency`), sorted by the waiting milestone's due date,
 * then by the dependency's finish (latest first).
 */
export function dependencyViolations(milestones: readonly PlanMilestone[], dependencies: readonly PlanDependency[]): DependencyViolation[] {
  const byId = new Map(milestones.map((m) => [m.id, m]));
  const out: DependencyViolation[] = [];
  for (const d of dependencies) {
    const m = byId.get(d.milestoneId);
    const dep = byId.get(d.dependsOnId);
    if (!m || !dep || !isLateDependency(m, dep)) continue;
    out.push({
      milestoneId: m.id,
      title: m.title,
      dueDate: m.dueDate,
      dependsOnId: dep.id,
      dependsOnTitle: dep.title,
      dependsOnFinish: finishDate(dep),
    });
  }
  return out.sort(
    (a, b) =>
      cmp(a.dueDate, b.dueDate) || cmp(b.dependsOnFinish, a.dependsOnFinish) || cmp(a.milestoneId, b.milestoneId) || cmp(a.dependsOnId, b.dependsOnId),
  );
}
