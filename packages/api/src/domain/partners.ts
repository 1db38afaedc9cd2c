import type { EngagementStage, PartnerKind } from '@coalition/db';

/** Governments and intergovernmental bodies are state actors; everyone else is non-state. */
export function isStateActor(kind: PartnerKind): boolean {
  return kind === 'state' || kind === 'intergovernmental';
}

const STAGE_ORDER: Record<EngagementStage, number> = {
  identified: 0,
  approached: 1,
  in_dialogue: 2,
  committed: 3,
  champion: 4,
};

export function stageRank(stage: EngagementStage): number {
  return STAGE_ORDER[stage];
}

/** Committed or champion: the partner counts toward momentum. */
export function isCommitted(stage: EngagementStage): boolean {
  return STAGE_ORDER[stage] >= STAGE_ORDER.committed;
}

/** Not yet in a constructive policy dialogue (identified or approached). */
export function isBeforeDialogue(stage: EngagementStage): boolean {
  return STAGE_ORDER[stage] < STAGE_ORDER.in_dialogue;
}
