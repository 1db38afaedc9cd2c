/** Positions over time, for other features: the partner detail's panel, the support chart (the public page reuses it) and the dashboard's panel. */
export { PartnerPositions } from './PartnerPositions.tsx';
export { SupportGrowthChart, type SupportGrowthPoint } from './SupportGrowthChart.tsx';
export { SupportGrowthPanel } from './SupportGrowthPanel.tsx';
export { MovementMark, movementOf, type Movement } from './MovementMark.tsx';
export type { CurrentPosition, CurrentPositions } from './model.ts';
export { useCurrentPositions } from './useCurrentPositions.ts';
