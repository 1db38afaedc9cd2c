/**
 * The dashboard and the forecast, served from a cache per coalition and day that a change
 * invalidates: every change writes an activity row in its own transaction, so the coalition's
 * newest activity id (one indexed read) says whether a cached result is still the plan's. A
 * recompute runs on a worker thread with its own read-only connection (when the database is a
 * file), so one big plan never stalls other requests; requests for the same result share one
 * recompute.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from '@coalition/db';
import { notFound } from '../../errors.ts';
import { computeForecast, type PlanForecast } from '../forecast/compute.ts';
import { ForecastReader } from '../forecast/read.ts';
import { computeDashboard, type Dashboard } from './compute.ts';
import { DashboardReader } from './read.ts';
import type { DashboardRequest, WorkerJob } from './worker.ts';
import { markSharedResult } from '../../shared-results.ts';

interface Computed<T> {
  activityId: number;
  value: T;
}

/** Results kept per kind (coalition × day): the recently used ones; a few MB at most. */
const CACHE_ENTRIES = 64;

export interface DashboardServiceOptions {
  /** Recompute on a worker thread reading this database file (off for in-memory databases). */
  workerDbPath?: string | null;
}

/** One kind of cached result: its entries (most recently used last) and the recomputes under way. */
class ResultCache<T> {
  readonly entries = new Map<string, Computed<T>>();
  readonly inflight = new Map<string, Promise<Computed<T> | null>>();
}

export class DashboardService {
  private readonly reader: DashboardReader;
  private readonly forecastReader: ForecastReader;
  private readonly dashboards = new ResultCache<Dashboard>();
  private readonly forecasts = new ResultCache<PlanForecast>();
  private readonly worker: DashboardWorker | null;
  /** Dashboard recomputes done (cache misses), for tests and the benchmark. */
  recomputes = 0;
  /** Forecast recomputes done (cache misses). */
  forecastRecomputes = 0;

  constructor(db: Db, options: DashboardServiceOptions = {}) {
    this.reader = new DashboardReader(db.$client);
    this.forecastReader = new ForecastReader(db.$client);
    this.worker = options.workerDbPath ? new DashboardWorker(options.workerDbPath) : null;
  }

  /** The coalition's dashboard as of `today` (its own calendar date). */
  get(coalitionId: string, today: string): Promise<Dashboard> {
    return this.cached(this.dashboards, 'dashboard', coalitionId, today);
  }

  /** The odds of reaching the coalition's goal as of `today` (seeded: the same plan, the same numbers). */
  forecast(coalitionId: string, today: string): Promise<PlanForecast> {
    return this.cached(this.forecasts, 'forecast', coalitionId, today);
  }

  private async cached<T extends object>(cache: ResultCache<T>, kind: WorkerJob, coalitionId: string, today: string): Promise<T> {
    const key = `${coalitionId} ${today}`;
    const latest = this.reader.latestActivityId(coalitionId);
    const hit = cache.entries.get(key);
    if (hit && hit.activityId >= latest) {
      // Most recently used last: the first key is the one to evict.
      cache.entries.delete(key);
      cache.entries.set(key, hit);
      return hit.value;
    }
    const flightKey = `${key} ${latest}`;
    let flight = cache.inflight.get(flightKey);
    if (!flight) {
      flight = this.compute<T>(kind, coalitionId, today).finally(() => cache.inflight.delete(flightKey));
      cache.inflight.set(flightKey, flight);
    }
    const computed = await flight;
    if (!computed) throw notFound('Coalition');
    markSharedResult(computed.value);
    const current = cache.entries.get(key);
    if (!current || current.activityId <= computed.activityId) {
      cache.entries.delete(key);
      cache.entries.set(key, computed);
      if (cache.entries.size > CACHE_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
    }
    return computed.value;
  }

  private compute<T>(kind: WorkerJob, coalitionId: string, today: string): Promise<Computed<T> | null> {
    if (kind === 'forecast') this.forecastRecomputes++;
    else this.recomputes++;
    if (this.worker) return this.worker.compute<T>(kind, coalitionId, today);
    if (kind === 'forecast') {
      const data = this.forecastReader.read(coalitionId);
      return Promise.resolve(data && ({ activityId: data.activityId, value: computeForecast(data, today) } as Computed<T>));
    }
    const data = this.reader.read(coalitionId);
    return Promise.resolve(data && ({ activityId: data.activityId, value: computeDashboard(data, today) } as Computed<T>));
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
  private readonly pending = new Map<number, { resolve: (c: Computed<unknown> | null) => void; reject: (e: Error) => void }>();

  constructor(private readonly dbPath: string) {}

  compute<T>(kind: WorkerJob, coalitionId: string, today: string): Promise<Computed<T> | null> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (c: Computed<unknown> | null) => void, reject });
      worker.postMessage({ id, kind, coalitionId, today } satisfies DashboardRequest);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const fromSource = import.meta.url.endsWith('.ts');
    const url = fromSource ? new URL('./worker-source.mjs', import.meta.url) : new URL('./dashboard-worker.js', import.meta.url);
    const worker = new Worker(url, { workerData: { dbPath: this.dbPath } });
    worker.unref();
    worker.on('message', (msg: { id: number; result?: Computed<unknown> | null; error?: string }) => {
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
