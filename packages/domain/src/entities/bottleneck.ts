/** Bottleneck fields: router inputs and the bottleneck form. */
import { z } from 'zod';
import { BOTTLENECK_SEVERITIES, BOTTLENECK_STATUSES } from '../enums.ts';
import { zId, zName, zText, zVersion } from '../validators.ts';

export const bottleneckFields = {
  trackId: zId.nullable(),
  milestoneId: zId.nullable(),
  title: zName(300),
  description: zText(5000),
  severity: z.enum(BOTTLENECK_SEVERITIES, { error: 'Choose a severity' }),
  status: z.enum(BOTTLENECK_STATUSES, { error: 'Choose a status' }),
  /** The reframing narrative chosen to get past the obstacle. */
  narrative: zText(10000),
};

export const zBottleneck = z.object(bottleneckFields);
export type BottleneckFields = z.output<typeof zBottleneck>;

export const zBottleneckCreate = z.object({
  trackId: bottleneckFields.trackId.optional(),
  milestoneId: bottleneckFields.milestoneId.optional(),
  title: bottleneckFields.title,
  description: bottleneckFields.description.default(''),
  severity: bottleneckFields.severity.default('medium'),
  status: bottleneckFields.status.default('open'),
  narrative: bottleneckFields.narrative.default(''),
});

export const zBottleneckUpdate = zBottleneck.partial().extend({ bottleneckId: zId, version: zVersion });

/** bottleneck.list's filters. */
export const zBottleneckListQuery = z.object({
  status: z.array(z.enum(BOTTLENECK_STATUSES)).max(BOTTLENECK_STATUSES.length).optional(),
  trackId: zId.optional(),
  milestoneId: zId.optional(),
});
export type BottleneckListQuery = z.output<typeof zBottleneckListQuery>;
