/** Threshold milestones' whip count, for the milestone detail. */
export { WhipCountCard } from './WhipCountCard.tsx';
