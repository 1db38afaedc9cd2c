/**
 * The dashboard, served from a cache per coalition and day that a change invalidates: every
 * change writes an activity row in its own transaction, so the coalition's newest activity id
 * (one indexed read) says whether a cached dashboard is still the plan's. A recompute runs on a
 * worker thread with its own read-only connection (when the database is a file), so one big
 * plan never stalls other requests; requests for the same dashboard share one recompute.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from '@coalition/db';
import { notFound } from '../../errors.ts';
import { computeDashboard, type Dashboard } from './compute.ts';
import { DashboardReader } from './read.ts';
import type { DashboardRequest } from './worker.ts';
import { markSharedResult } from '../../shared-results.ts';

interface Computed {
  activityId: number;
  dashboard: Dashboard;
}

/** Dashboards kept (coalition × day): the recently used ones; a few MB at most. */
const CACHE_ENTRIES = 64;

export interface DashboardServiceOptions {
  /** Recompute on a worker thread reading this database file (off for in-memory databases). */
  workerDbPath?: string | null;
}

export class DashboardService {
  private readonly reader: DashboardReader;
  private readonly cache = new Map<string, Computed>();
  private readonly inflight = new Map<string, Promise<Computed | null>>();
  private readonly worker: DashboardWorker | null;
  /** Recomputes done (cache misses), for tests and the benchmark. */
  recomputes = 0;

  constructor(db: Db, options: DashboardServiceOptions = {}) {
    this.reader = new DashboardReader(db.$client);
    this.worker = options.workerDbPath ? new DashboardWorker(options.workerDbPath) : null;
  }

  /** The coalition's dashboard as of `today` (its own calendar date). */
  async get(coalitionId: string, today: string): Promise<Dashboard> {
    const key = `${coalitionId} ${today}`;
    const latest = this.reader.latestActivityId(coalitionId);
    const hit = this.cache.get(key);
    if (hit && hit.activityId >= latest) {
      // Most recently used last: the first key is the one to evict.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit.dashboard;
    }
    const flightKey = `${key} ${latest}`;
    let flight = this.inflight.get(flightKey);
    if (!flight) {
      flight = this.compute(coalitionId, today).finally(() => this.inflight.delete(flightKey));
      this.inflight.set(flightKey, flight);
    }
    const computed = await flight;
    if (!computed) throw notFound('Coalition');
    markSharedResult(computed.dashboard);
    const current = this.cache.get(key);
    if (!current || current.activityId <= computed.activityId) {
      this.cache.delete(key);
      this.cache.set(key, computed);
      if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    }
    return computed.dashboard;
  }

  private compute(coalitionId: string, today: string): Promise<Computed | null> {
    this.recomputes++;
    if (this.worker) return this.worker.compute(coalitionId, today);
    const data = this.reader.read(coalitionId);
    return Promise.resolve(data && { activityId: data.activityId, dashboard: computeDashboard(data, today) });
  }

  /** Ends the worker (server shutdown, tests). */
  async close(): Promise<void> {
    await this.worker?.close();
  }
}

/**
 * One worker thread, started on first use and restarted if it dies; requests answered by id.
 * From source (tsx, vitest) it runs worker.ts through tsx; the bundled server ships it as
 * dashboard-worker.js beside main.js.
 */
class DashboardWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (c: Computed | null) => void; reject: (e: Error) => void }>();

  constructor(private readonly dbPath: string) {}

  compute(coalitionId: string, today: string): Promise<Computed | null> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, coalitionId, today } satisfies DashboardRequest);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const fromSource = import.meta.url.endsWith('.ts');
    const url = fromSource ? new URL('./worker-source.mjs', import.meta.url) : new URL('./dashboard-worker.js', import.meta.url);
    const worker = new Worker(url, { workerData: { dbPath: this.dbPath } });
    worker.unref();
    worker.on('message', (msg: { id: number; result?: Computed | null; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(`dashboard worker: ${msg.error}`));
      else p.resolve(msg.result ?? null);
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`dashboard worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
