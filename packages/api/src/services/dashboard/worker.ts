/**
 * The dashboard's worker thread: its own read-only connection, the same readers and the same
 * computations as in-process, so a 20,000-milestone recompute or a 5,000-milestone forecast
 * never holds up other requests. Messages: { id, kind, coalitionId, today } in;
 * { id, result } or { id, error } out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '@coalition/db';
import { computeForecast } from '../forecast/compute.ts';
import { ForecastReader } from '../forecast/read.ts';
import { computeDashboard } from './compute.ts';
import { DashboardReader } from './read.ts';

/** What the worker computes: the dashboard, or the odds of reaching the goal (forecast.get). */
export type WorkerJob = 'dashboard' | 'forecast';

export interface DashboardRequest {
  id: number;
  kind: WorkerJob;
  coalitionId: string;
  today: string | null;
}

const { dbPath } = workerData as { dbPath: string };
const db = openDb(dbPath, { migrate: false, readonly: true });
const reader = new DashboardReader(db.$client);
const forecastReader = new ForecastReader(db.$client);

parentPort!.on('message', (req: DashboardRequest) => {
  try {
    const today = req.today ?? '';
    if (req.kind === 'forecast') {
      const data = forecastReader.read(req.coalitionId);
      parentPort!.postMessage({ id: req.id, result: data && { activityId: data.activityId, value: computeForecast(data, today) } });
      return;
    }
    const data = reader.read(req.coalitionId);
    if (!data) return parentPort!.postMessage({ id: req.id, result: null });
    parentPort!.postMessage({ id: req.id, result: { activityId: data.activityId, value: computeDashboard(data, today) } });
  } catch (error) {
    parentPort!.postMessage({ id: req.id, error: error instanceof Error ? error.message : String(error) });
  }
});
