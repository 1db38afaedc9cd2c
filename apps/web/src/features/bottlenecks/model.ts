import { z } from 'zod';
import type { BottleneckSeverity, BottleneckStatus } from '@coalition/db';
import { BOTTLENECK_STATUS, SEVERITY } from '../../lib/labels.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';
import { zName, zText } from '../../lib/validators.ts';

export type BottleneckRow = RouterOutputs['bottleneck']['list'][number];

export const SEVERITIES = Object.keys(SEVERITY) as [BottleneckSeverity, ...BottleneckSeverity[]];
export const STATUSES = Object.keys(BOTTLENECK_STATUS) as [BottleneckStatus, ...BottleneckStatus[]];
/** Most severe first (the list's own order). */
export const SEVERITY_DESC = [...SEVERITIES].reverse() as BottleneckSeverity[];

export const NONE = 'none';

/** Form values; the pickers use 'none' for "not linked" (Radix selects cannot hold ''). */
export const bottleneckSchema = z.object({
  title: zName(300),
  description: zText(5000),
  severity: z.enum(SEVERITIES, { error: 'Choose a severity' }),
  status: z.enum(STATUSES, { error: 'Choose a status' }),
  trackId: z.string(),
  milestoneId: z.string(),
  narrative: zText(10000),
});
export type BottleneckFormValues = z.infer<typeof bottleneckSchema>;

/** What the server takes (null = not linked). */
export interface BottleneckPayload {
  title: string;
  description: string;
  severity: BottleneckSeverity;
  status: BottleneckStatus;
  trackId: string | null;
  milestoneId: string | null;
  narrative: string;
}

export const toPayload = (v: BottleneckFormValues): BottleneckPayload => ({
  ...v,
  trackId: v.trackId === NONE ? null : v.trackId,
  milestoneId: v.milestoneId === NONE ? null : v.milestoneId,
});

export function toBottleneckForm(b: Partial<Record<keyof BottleneckPayload, unknown>>): BottleneckFormValues {
  return {
    title: String(b.title ?? ''),
    description: String(b.description ?? ''),
    severity: (b.severity as BottleneckSeverity) ?? 'medium',
    status: (b.status as BottleneckStatus) ?? 'open',
    trackId: typeof b.trackId === 'string' ? b.trackId : NONE,
    milestoneId: typeof b.milestoneId === 'string' ? b.milestoneId : NONE,
    narrative: String(b.narrative ?? ''),
  };
}
