/**
 * Reads what the odds simulation needs, for one coalition, in a fixed number of SQL queries
 * inside one read transaction (a consistent snapshot): the goal, the milestones with their
 * ranged estimates and thresholds, the dependencies, and the partners' acts that count toward
 * a threshold (those of the milestone's own threshold act). Rows come in id order, so the same
 * plan always feeds the seeded simulation in the same order: the same odds.
 */
import type { Db } from '@coalition/db';
import type { EstimatedMilestone, MilestoneAct, MilestoneStatus, PlanDependency, PlanMilestone, ThresholdAct } from '@coalition/domain';

export interface ForecastData {
  /** The newest activity row of the coalition in this snapshot: what the data is as of. */
  activityId: number;
  goalDate: string;
  milestones: (PlanMilestone & EstimatedMilestone)[];
  dependencies: PlanDependency[];
  acts: MilestoneAct[];
}

const SQL = {
  coalition: 'SELECT goal_date FROM coalitions WHERE id = ?',
  milestones: `SELECT id, track_id, title, start_date, due_date, status, progress, completed_on,
                      estimate_optimistic, estimate_likely, estimate_pessimistic, threshold_act, threshold
               FROM milestones WHERE coalition_id = ? ORDER BY id`,
  dependencies: 'SELECT milestone_id, depends_on_id FROM milestone_dependencies WHERE coalition_id = ? ORDER BY milestone_id, depends_on_id',
  acts: `SELECT a.milestone_id, a.act, a.acted_on FROM partner_acts a JOIN milestones m ON m.id = a.milestone_id
         WHERE a.coalition_id = ? AND a.act = m.threshold_act ORDER BY a.milestone_id, a.acted_on, a.id`,
  latestActivity: 'SELECT coalesce(max(id), 0) FROM activity WHERE coalition_id = ?',
} as const;

type Row = unknown[];
type Database = Db['$client'];
type Statement = ReturnType<Database['prepare']>;

/** The forecast's statements on one connection, prepared once. */
export class ForecastReader {
  private readonly statements: Record<keyof typeof SQL, Statement>;

  constructor(private readonly client: Database) {
    this.statements = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, client.prepare(sql).raw(true)])) as Record<keyof typeof SQL, Statement>;
  }

  /** Everything, in one read transaction; null when the coalition does not exist. */
  read(coalitionId: string): ForecastData | null {
    const all = (k: keyof typeof SQL) => this.statements[k].all(coalitionId) as Row[];
    return this.client.transaction((): ForecastData | null => {
      const c = this.statements.coalition.get(coalitionId) as Row | undefined;
      if (!c) return null;
      return {
        activityId: Number((this.statements.latestActivity.get(coalitionId) as Row | undefined)?.[0] ?? 0),
        goalDate: c[0] as string,
        milestones: all('milestones').map((r) => ({
          id: r[0] as string,
          trackId: r[1] as string | null,
          title: r[2] as string,
          startDate: r[3] as string | null,
          dueDate: r[4] as string,
          status: r[5] as MilestoneStatus,
          progress: r[6] as number,
          completedOn: r[7] as string | null,
          estimateOptimistic: r[8] as string | null,
          estimateLikely: r[9] as string | null,
          estimatePessimistic: r[10] as string | null,
          thresholdAct: r[11] as ThresholdAct | null,
          threshold: r[12] as number | null,
        })),
        dependencies: all('dependencies').map((r) => ({ milestoneId: r[0] as string, dependsOnId: r[1] as string })),
        acts: all('acts').map((r) => ({ milestoneId: r[0] as string, act: r[1] as ThresholdAct, actedOn: r[2] as string })),
      };
    })();
  }
}
