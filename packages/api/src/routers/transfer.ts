/** Export (JSON, CSV, iCalendar) and JSON import into a new coalition. */
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { zName, zTimeZone, zWorkspaceFile } from '@coalition/domain';
import * as transfer from '../services/transfer.ts';
import { protectedProcedure, viewerProcedure } from '../trpc.ts';

/** An import: the file, an optional new name, and the time zone to use when the file names none. */
const importInput = z.object({ data: zWorkspaceFile, name: zName(200).optional(), timeZone: zTimeZone.default('UTC') });

export const transferRouter = {
  /** The whole workspace as one JSON document (format `coalition-planner/v1`). */
  exportJson: viewerProcedure.query(({ ctx }) => transfer.exportJson(ctx)),

  /** The milestones as an RFC 4180 CSV file, by due date. */
  milestonesCsv: viewerProcedure.query(({ ctx }) => transfer.milestonesCsv(ctx)),

  /** The goal date and every milestone due date as an RFC 5545 calendar. */
  icalendar: viewerProcedure.query(({ ctx }) => transfer.icalendar(ctx)),

  /** A new coalition, owned by the caller, holding everything in an export file (one transaction). */
  importJson: protectedProcedure
    .input(importInput)
    .mutation(({ ctx, input }) => transfer.importJson(ctx, input.data, { name: input.name, timeZone: input.timeZone })),

  /**
   * What importJson would create from the same input, and the problem that stops it, writing
   * nothing. A mutation only because the file travels in the request body. Its own per-user
   * allowance is taken before the file is validated; the import quota is not touched.
   */
  previewImport: protectedProcedure
    .use(({ ctx, next }) => {
      transfer.consumePreview(ctx);
      return next();
    })
    .input(importInput)
    .mutation(({ ctx, input }) => transfer.previewImport(ctx, input.data, { name: input.name, timeZone: input.timeZone })),
} satisfies TRPCRouterRecord;
