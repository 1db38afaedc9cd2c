/**
 * @coalition/domain — the rules of the coalition planner, once, in plain TypeScript and zod
 * (no node:*, no database, no React): imported by the database schema, the API and the web app.
 */
export * from './enums.ts';
export * from './labels.ts';
export * from './dates.ts';
export * from './text.ts';
export * from './validators.ts';

export * from './entities/coalition.ts';
export * from './entities/partner.ts';
export * from './entities/track.ts';
export * from './entities/milestone.ts';
export * from './entities/milestoneBulk.ts';
export * from './entities/baseline.ts';
export * from './entities/bottleneck.ts';
export * from './entities/people.ts';
export * from './entities/threshold.ts';

export * from './rules/milestones.ts';
export * from './rules/milestoneBulk.ts';
export * from './rules/baselines.ts';
export * from './rules/partners.ts';
export * from './rules/tracks.ts';
export * from './rules/access.ts';
export * from './rules/thresholds.ts';

export * from './planning/types.ts';
export * from './planning/rollup.ts';
export * from './planning/schedule.ts';
export * from './planning/criticalPath.ts';
export * from './planning/graph.ts';
export * from './planning/dependencies.ts';
export * from './planning/momentum.ts';
export * from './planning/balance.ts';

export * from './activity.ts';
export * from './mentions.ts';

export * from './transfer/format.ts';
export * from './transfer/export.ts';
export * from './transfer/import.ts';
export * from './transfer/csv.ts';
export * from './transfer/icalendar.ts';
export * from './transfer/files.ts';
export * from './notifications.ts';

export * from './forecast/simulate.ts';
export * from './forecast/threshold.ts';
export * from './forecast/positions.ts';
export * from './forecast/estimates.ts';
export * from './entities/interaction.ts';
export * from './entities/publicPage.ts';
export * from './entities/position.ts';
export * from './rules/positions.ts';
export * from './planning/dialogue.ts';
export * from './undo.ts';
