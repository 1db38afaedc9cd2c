/** Partner rules: state vs non-state, engagement order, commitment, the influence–interest grid. */
import { ENGAGEMENT_STAGES, rankIn, type Contribution, type EngagementStage, type PartnerKind } from '../enums.ts';

/** Governments and intergovernmental bodies are state actors; everyone else is non-state. */
export function isStateActor(kind: PartnerKind): boolean {
  return kind === 'state' || kind === 'intergovernmental';
}

const STAGE_RANK = rankIn(ENGAGEMENT_STAGES);

export function stageRank(stage: EngagementStage): number {
  return STAGE_RANK[stage];
}

/** Committed or champion: the partner counts toward momentum. */
export function isCommitted(stage: EngagementStage): boolean {
  return STAGE_RANK[stage] >= STAGE_RANK.committed;
}

/** Not yet in a constructive policy dialogue (identified or approached). */
export function isBeforeDialogue(stage: EngagementStage): boolean {
  return STAGE_RANK[stage] < STAGE_RANK.in_dialogue;
}

/**
 * The day the partner first reached `committed` or `champion`: set once, the first time
 * the stage gets there, and never cleared afterwards (a partner stepping back to dialogue
 * keeps its place in the momentum history).
 */
export function committedOnAfter(current: string | null, stage: EngagementStage, today: string): string | null {
  if (current) return current;
  return isCommitted(stage) ? today : null;
}

/** True when no contribution is listed twice. */
export function hasUniqueContributions(list: readonly Contribution[]): boolean {
  return new Set(list).size === list.length;
}

// ---------------------------------------------------------------------------
// Influence and interest (scores 1–5)
// ---------------------------------------------------------------------------

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
/** A score of 4 or 5 is high: the line between quadrants, and who counts as high-influence. */
export const HIGH_SCORE = 4;

export function isHigh(score: number): boolean {
  return score >= HIGH_SCORE;
}

export type QuadrantId = 'manage' | 'satisfy' | 'inform' | 'monitor';

export function quadrantOf(p: { influence: number; interest: number }): QuadrantId {
  const inf = isHigh(p.influence);
  const int = isHigh(p.interest);
  if (inf && int) return 'manage';
  if (inf) return 'satisfy';
  if (int) return 'inform';
  return 'monitor';
}

/** High influence and not yet in the dialogue: whom to bring into the dialogue next. */
export function shouldEngageNext(p: { influence: number; stage: EngagementStage }): boolean {
  return isHigh(p.influence) && isBeforeDialogue(p.stage);
}
