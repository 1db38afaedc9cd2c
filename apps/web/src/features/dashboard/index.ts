/**
 * What other features may use of the dashboard (the meeting brief shows the same facts): its
 * query's types and the panels that draw them, so two screens never compute a number twice.
 */
export { RecentActivity } from './RecentActivity.tsx';
export { CriticalPath, TrackProgressList } from './Schedule.tsx';
export { DashboardTiles } from './Tiles.tsx';
export type { Dashboard, ScheduleItem, TrackInfo } from './types.ts';
