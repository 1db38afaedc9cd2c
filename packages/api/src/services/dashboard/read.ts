/**
 * Reads everything the dashboard shows, for one coalition, in a FIXED number of SQL queries
 * (DASHBOARD_QUERY_COUNT, whatever the size of the plan): each table is read once with only
 * the columns needed, inside one read transaction (a consistent snapshot), through prepared
 * statements made once per connection, as arrays (no per-row object mapping by a query
 * builder: at 20,000 milestones that mapping cost more than SQLite itself).
 */
import type { Db } from '@coalition/db';
import { OPEN_BOTTLENECK_STATUSES, OWNER_ONLY_ACTIVITY } from '@coalition/domain';
import type {
  AssignmentRole,
  Contribution,
  EngagementStage,
  MilestoneStatus,
  PartnerKind,
  PlanAssignment,
  PlanDependency,
  PlanMilestone,
  PlanPartner,
  PlanTrack,
  TrackStatus,
} from '@coalition/domain';

/** coalition, tracks, milestones, dependencies, partners, assignments, bottleneck counts, recent activity, latest activity id. */
export const DASHBOARD_QUERY_COUNT = 9;
export const RECENT_ACTIVITY_LIMIT = 10;

export interface DashboardData {
  /** The newest activity row of the coalition in this snapshot: what the data is as of. */
  activityId: number;
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

/** `isOpenBottleneck` in SQL, from the same list. */
const OPEN_BOTTLENECK = `status IN (${OPEN_BOTTLENECK_STATUSES.map((s) => `'${s}'`).join(', ')})`;

const SQL = {
  coalition: 'SELECT id, name, goal, goal_date, description, time_zone, created_at FROM coalitions WHERE id = ?',
  tracks: 'SELECT id, name, color, position, status FROM tracks WHERE coalition_id = ? ORDER BY position',
  milestones: 'SELECT id, track_id, title, start_date, due_date, status, progress, completed_on FROM milestones WHERE coalition_id = ?',
  dependencies: 'SELECT milestone_id, depends_on_id FROM milestone_dependencies WHERE coalition_id = ?',
  partners: 'SELECT id, name, kind, contributions, influence, interest, stage, committed_on FROM partners WHERE coalition_id = ?',
  assignments: 'SELECT partner_id, track_id, role FROM track_assignments WHERE coalition_id = ?',
  bottlenecks: `SELECT coalesce(sum(${OPEN_BOTTLENECK}), 0), coalesce(sum(${OPEN_BOTTLENECK} AND severity = 'critical'), 0) FROM bottlenecks WHERE coalition_id = ?`,
  // The dashboard is one cached object for every member, whatever their role: its recent
  // changes are what every member may read (`activityReadableBy`; owners see the rest on the
  // Activity screen).
  activity: `SELECT a.id, a.action, a.summary, a.entity_type, a.entity_id, a.created_at, u.id, u.name
             FROM activity a LEFT JOIN users u ON u.id = a.actor_id
             WHERE a.coalition_id = ? AND a.action NOT IN (${OWNER_ONLY_ACTIVITY.map((a) => `'${a}'`).join(', ')})
             ORDER BY a.id DESC LIMIT ${RECENT_ACTIVITY_LIMIT}`,
  latestActivity: 'SELECT coalesce(max(id), 0) FROM activity WHERE coalition_id = ?',
} as const;

type Row = unknown[];
type Database = Db['$client'];
type Statement = ReturnType<Database['prepare']>;

/** The dashboard's statements on one connection, prepared once. */
export class DashboardReader {
  private readonly statements: Record<keyof typeof SQL, Statement>;
  private readonly latestActivity: Statement;
  /** Statements run by the last `read` (for the fixed-query-count test). */
  queriesLastRead = 0;

  constructor(private readonly client: Database) {
    this.statements = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, client.prepare(sql).raw(true)])) as Record<keyof typeof SQL, Statement>;
    this.latestActivity = client.prepare('SELECT coalesce(max(id), 0) FROM activity WHERE coalition_id = ?').pluck(true);
  }

  /** The id of the coalition's newest activity row: every change writes one in its own transaction. */
  latestActivityId(coalitionId: string): number {
    return this.latestActivity.get(coalitionId) as number;
  }

  /** Everything, in one read transaction; null when the coalition does not exist. */
  read(coalitionId: string): DashboardData | null {
    let queries = 0;
    const all = (k: keyof typeof SQL): Row[] => {
      queries++;
      return this.statements[k].all(coalitionId) as Row[];
    };
    const one = (k: keyof typeof SQL): Row | undefined => {
      queries++;
      return this.statements[k].get(coalitionId) as Row | undefined;
    };
    const data = this.client.transaction((): DashboardData | null => {
      const c = one('coalition');
      if (!c) return null;
      const activityRows = all('activity');
      return {
        activityId: Number(one('latestActivity')?.[0] ?? 0),
        coalition: {
          id: c[0] as string,
          name: c[1] as string,
          goal: c[2] as string,
          goalDate: c[3] as string,
          description: c[4] as string,
          timeZone: c[5] as string,
          createdAt: c[6] as number,
        },
        tracks: all('tracks').map((r) => ({ id: r[0] as string, name: r[1] as string, color: r[2] as string, position: r[3] as number, status: r[4] as TrackStatus })),
        milestones: all('milestones').map((r) => ({
          id: r[0] as string,
          trackId: r[1] as string | null,
          title: r[2] as string,
          startDate: r[3] as string | null,
          dueDate: r[4] as string,
          status: r[5] as MilestoneStatus,
          progress: r[6] as number,
          completedOn: r[7] as string | null,
        })),
        dependencies: all('dependencies').map((r) => ({ milestoneId: r[0] as string, dependsOnId: r[1] as string })),
        partners: all('partners').map((r) => ({
          id: r[0] as string,
          name: r[1] as string,
          kind: r[2] as PartnerKind,
          contributions: parseContributions(r[3]),
          influence: r[4] as number,
          interest: r[5] as number,
          stage: r[6] as EngagementStage,
          committedOn: r[7] as string | null,
        })),
        assignments: all('assignments').map((r) => ({ partnerId: r[0] as string, trackId: r[1] as string, role: r[2] as AssignmentRole })),
        bottlenecks: (([open, critical]) => ({ open: Number(open), critical: Number(critical) }))(one('bottlenecks') ?? [0, 0]),
        recentActivity: activityRows.map((r) => ({
          id: r[0] as number,
          action: r[1] as string,
          summary: r[2] as string,
          entityType: r[3] as string,
          entityId: r[4] as string,
          createdAt: r[5] as number,
          actor: r[6] !== null && r[7] !== null ? { id: r[6] as string, name: r[7] as string } : null,
        })),
      };
    })();
    this.queriesLastRead = queries;
    return data;
  }
}

function parseContributions(raw: unknown): Contribution[] {
  try {
    const v = JSON.parse(String(raw)) as unknown;
    return Array.isArray(v) ? (v as Contribution[]) : [];
  } catch {
    return [];
  }
}
