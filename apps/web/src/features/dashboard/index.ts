/**
 * What other features may use of the dashboard (the meeting brief shows the same facts): its
 * query's types and the panels that draw them, so two screens never compute a number twice.
 */
import { lazy } from 'react';

export { RecentActivity } from './RecentActivity.tsx';
export { CriticalPath, TrackProgressList } from './Schedule.tsx';
export { DashboardTiles } from './Tiles.tsx';
export type { Dashboard, ScheduleItem, TrackInfo } from './types.ts';
export type { MomentumPoint } from './MomentumChart.tsx';

/** The momentum ("snowball") chart, lazy: recharts loads with it, not with the screen that shows it. Render inside Suspense. */
export const MomentumChart = /* @__PURE__ */ lazy(() => import('./MomentumChart.tsx'));
