import type { RouterOutputs } from '../../lib/trpc.ts';

export type Dashboard = RouterOutputs['coalition']['dashboard'];
export type TrackInfo = Dashboard['progress']['tracks'][number];
export type ScheduleItem = Dashboard['schedule']['overdue'][number];
