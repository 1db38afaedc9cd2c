import type { TRPCRouterRecord } from '@trpc/server';
import { zActDelete, zActRecord, zActUpdate, zThresholdBoardQuery, zThresholdSetEligible } from '@coalition/domain';
import * as thresholds from '../services/thresholds.ts';
import { editorProcedure, viewerProcedure } from '../trpc.ts';

/** Threshold milestones ("40 states ratify"): the whip-count board, the eligible partners and their acts. */
export const thresholdRouter = {
  /** The threshold, the eligible partners with their acts and whip group, the count per group, the progress and the pace. */
  board: viewerProcedure.input(zThresholdBoardQuery).query(({ ctx, input }) => thresholds.board(ctx, input.milestoneId)),

  /** Replaces the eligible partners (0–2000, all the coalition's; a partner with acts stays eligible). */
  setEligible: editorProcedure.input(zThresholdSetEligible).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...rest } = input;
    return thresholds.setEligible(ctx, rest);
  }),

  /** Records an eligible partner's act (dated today or earlier; one record per partner and act); the milestone is recounted. */
  recordAct: editorProcedure.input(zActRecord).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...rest } = input;
    return thresholds.recordAct(ctx, rest);
  }),

  /** Versioned edit of an act; the milestone is recounted. */
  updateAct: editorProcedure.input(zActUpdate).mutation(({ ctx, input }) => {
    const { coalitionId: _c, ...rest } = input;
    return thresholds.updateAct(ctx, rest);
  }),

  deleteAct: editorProcedure.input(zActDelete).mutation(({ ctx, input }) => thresholds.deleteAct(ctx, input.actId)),
} satisfies TRPCRouterRecord;
