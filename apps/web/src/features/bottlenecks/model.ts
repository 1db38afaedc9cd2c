import { z } from 'zod';
import {
  BOTTLENECK_SEVERITIES,
  BOTTLENECK_STATUSES,
  bottleneckFields,
  zBottleneck,
  type BottleneckFields,
  type BottleneckSeverity,
} from '@coalition/domain';
import type { RouterOutputs } from '../../lib/trpc.ts';

export type BottleneckRow = RouterOutputs['bottleneck']['list'][number];

export const STATUSES = BOTTLENECK_STATUSES;
/** Most severe first (the list's own order). */
export const SEVERITY_DESC = [...BOTTLENECK_SEVERITIES].reverse() as BottleneckSeverity[];

export const NONE = 'none';

/** The domain's bottleneck fields; the pickers use 'none' for "not linked" (Radix selects cannot hold ''). */
export const bottleneckSchema = zBottleneck.extend({ trackId: z.string(), milestoneId: z.string() });
export type BottleneckFormValues = z.infer<typeof bottleneckSchema>;

/** What the server takes (null = not linked). */
export type BottleneckPayload = BottleneckFields;

export const toPayload = (v: BottleneckFormValues): BottleneckPayload => ({
  ...v,
  trackId: v.trackId === NONE ? null : v.trackId,
  milestoneId: v.milestoneId === NONE ? null : v.milestoneId,
});

export function toBottleneckForm(b: Partial<Record<keyof BottleneckPayload, unknown>>): BottleneckFormValues {
  return {
    title: String(b.title ?? ''),
    description: String(b.description ?? ''),
    severity: bottleneckFields.severity.safeParse(b.severity).data ?? 'medium',
    status: bottleneckFields.status.safeParse(b.status).data ?? 'open',
    trackId: typeof b.trackId === 'string' ? b.trackId : NONE,
    milestoneId: typeof b.milestoneId === 'string' ? b.milestoneId : NONE,
    narrative: String(b.narrative ?? ''),
  };
}
