/**
 * The dashboard's worker thread: its own read-only connection, the same reader and the same
 * computation as in-process, so a 20,000-milestone recompute never holds up other requests.
 * Messages: { id, coalitionId, today } in; { id, result } or { id, error } out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '@coalition/db';
import { computeDashboard } from './compute.ts';
import { DashboardReader } from './read.ts';

export interface DashboardRequest {
  id: number;
  coalitionId: string;
  today: string | null;
}

const { dbPath } = workerData as { dbPath: string };
const db = openDb(dbPath, { migrate: false, readonly: true });
const reader = new DashboardReader(db.$client);

parentPort!.on('message', (req: DashboardRequest) => {
  try {
    const data = reader.read(req.coalitionId);
    if (!data) return parentPort!.postMessage({ id: req.id, result: null });
    const today = req.today ?? '';
    parentPort!.postMessage({ id: req.id, result: { activityId: data.activityId, dashboard: computeDashboard(data, today) } });
  } catch (error) {
    parentPort!.postMessage({ id: req.id, error: error instanceof Error ? error.message : String(error) });
  }
});
