/**
 * The benchmark's yardstick: a bare `node:http` + better-sqlite3 server running the same
 * statements as the app (session by token hash, membership, the row) and the same dashboard
 * reader and domain computation (recomputed on every request, no cache). The app's numbers
 * are shown as ratios to it, measured in the same run, so a noisy machine still compares.
 *
 *   tsx bench/raw-server.ts <database file> <port>
 *     GET /one?c=<coalitionId>        session + membership + coalitions row
 *     GET /dashboard?c=<coalitionId>  session + membership + dashboard (reader + computeDashboard)
 */
import { createServer } from 'node:http';
import { hashToken } from '@coalition/auth';
import { openDb } from '@coalition/db';
import { todayIn } from '@coalition/domain';
import { computeDashboard, DashboardReader } from '../packages/api/src/services/dashboard/index.ts';

const [dbPath, portArg] = process.argv.slice(2);
const db = openDb(dbPath, { migrate: false }).$client;
const reader = new DashboardReader(db);
const session = db.prepare('SELECT s.user_id FROM sessions s WHERE s.id = ? AND s.expires_at > ?').pluck(true);
const membership = db.prepare('SELECT m.role, c.time_zone FROM memberships m JOIN coalitions c ON c.id = m.coalition_id WHERE m.coalition_id = ? AND m.user_id = ?');
const row = db.prepare('SELECT * FROM coalitions WHERE id = ?');

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://raw');
  const token = /(?:^|;\s*)session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const userId = token ? (session.get(hashToken(token), Date.now()) as string | undefined) : undefined;
  const coalitionId = url.searchParams.get('c') ?? '';
  const member = userId ? (membership.get(coalitionId, userId) as { role: string; time_zone: string } | undefined) : undefined;
  if (!member) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    return;
  }
  let body: unknown;
  if (url.pathname === '/one') body = row.get(coalitionId);
  else if (url.pathname === '/dashboard') body = computeDashboard(reader.read(coalitionId)!, todayIn(member.time_zone, Date.now()));
  else {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: { data: body } }));
});
server.listen(Number(portArg), '127.0.0.1', () => console.log(`raw baseline on ${portArg}`));
