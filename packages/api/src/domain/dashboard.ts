import type { Db } from '@coalition/db';

export function buildDashboard(_db: Db, _coalitionId: string, _today: string) {
  return {};
}
