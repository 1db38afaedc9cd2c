export { computeDashboard, type Dashboard } from './compute.ts';
export { DASHBOARD_QUERY_COUNT, DashboardReader, RECENT_ACTIVITY_LIMIT, type DashboardData } from './read.ts';
export { DashboardService, type DashboardServiceOptions } from './service.ts';
