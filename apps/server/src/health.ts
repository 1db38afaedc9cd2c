/**
 * Health checks, for a process supervisor or a load balancer:
 *
 *   GET /healthz  the process is up and serving HTTP (liveness: restart it when this fails).
 *   GET /readyz   the database answers and every migration this code ships is applied
 *                 (readiness: send it traffic only when this says 200).
 *
 * Both are plain GETs outside /trpc: no rate limit, no CSRF check, never cached.
 */
import type { FastifyInstance } from 'fastify';
import { migrationStatus, prepared, readMigrationJournal, type Db } from '@coalition/db';

export function registerHealth(app: FastifyInstance, db: Db): void {
  // The migrations this build ships: read once, like openDb applied them at start.
  const journal = readMigrationJournal();

  app.get('/healthz', { compress: false }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { ok: true };
  });

  app.get('/readyz', { compress: false }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    let status: ReturnType<typeof migrationStatus>;
    try {
      prepared(db, 'SELECT 1').get();
      status = migrationStatus(db.$client, journal);
    } catch (error) {
      request.log.error({ err: error }, 'readiness check: the database did not answer');
      const code = (error as { code?: unknown }).code;
      const detail = typeof code === 'string' && code.startsWith('SQLITE_') ? ` (${code})` : '';
      return reply.code(503).send({ ok: false, reason: `The database did not answer${detail}` });
    }
    if (status.missing.length > 0) {
      return reply.code(503).send({
        ok: false,
        reason: `${status.missing.length} of ${status.expected} migrations not applied: ${status.missing.join(', ')}`,
        migrations: status.applied,
        expected: status.expected,
      });
    }
    return { ok: true, migrations: status.expected };
  });
}
