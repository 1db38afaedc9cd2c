/** Partner screen model: row types, the form schema, quadrant rules and stage visuals. */
import { z } from 'zod';
import type { Contribution, EngagementStage, PartnerKind } from '@coalition/db';
import { CONTRIBUTION, PARTNER_KIND, STAGE } from '../../lib/labels.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';
import { zName, zText } from '../../lib/validators.ts';

export type PartnerRow = RouterOutputs['partner']['list'][number];
export type PartnerDetail = RouterOutputs['partner']['get'];
export type TrackRow = RouterOutputs['track']['list'][number];

export const KINDS = Object.keys(PARTNER_KIND) as [PartnerKind, ...PartnerKind[]];
export const STAGES = Object.keys(STAGE) as [EngagementStage, ...EngagementStage[]];
export const CONTRIBUTIONS = Object.keys(CONTRIBUTION) as [Contribution, ...Contribution[]];

const zScore = (label: string) =>
  z.number({ error: `Choose ${label.toLowerCase()} from 1 to 5` }).int().min(1, `${label} is from 1 to 5`).max(5, `${label} is from 1 to 5`);

/** Mirrors partner.create / partner.update (same limits and messages as the server). */
export const partnerSchema = z.object({
  name: zName(200),
  kind: z.enum(KINDS, { error: 'Choose a kind' }),
  country: zText(100),
  contact: zText(300),
  contributions: z.array(z.enum(CONTRIBUTIONS)).max(CONTRIBUTIONS.length),
  influence: zScore('Influence'),
  interest: zScore('Interest'),
  stage: z.enum(STAGES, { error: 'Choose a stage' }),
  notes: zText(5000),
});
export type PartnerFormValues = z.infer<typeof partnerSchema>;

export const EMPTY_PARTNER: PartnerFormValues = {
  name: '',
  kind: 'civil_society',
  country: '',
  contact: '',
  contributions: [],
  influence: 3,
  interest: 3,
  stage: 'identified',
  notes: '',
};

export function toFormValues(p: Partial<Record<keyof PartnerFormValues, unknown>>): PartnerFormValues {
  return {
    name: String(p.name ?? ''),
    kind: (p.kind as PartnerKind) ?? 'civil_society',
    country: String(p.country ?? ''),
    contact: String(p.contact ?? ''),
    contributions: Array.isArray(p.contributions) ? (p.contributions as Contribution[]) : [],
    influence: Number(p.influence ?? 3),
    interest: Number(p.interest ?? 3),
    stage: (p.stage as EngagementStage) ?? 'identified',
    notes: String(p.notes ?? ''),
  };
}

// ---------------------------------------------------------------------------
// Influence–interest quadrants. Scores are 1–5; 4 and 5 count as "high" (the chart's
// dividing lines sit at 3.5, so every partner falls clearly inside one quadrant).
// ---------------------------------------------------------------------------

export type QuadrantId = 'manage' | 'satisfy' | 'inform' | 'monitor';

export const QUADRANTS: Record<QuadrantId, { label: string; hint: string }> = {
  manage: { label: 'Manage closely', hint: 'High influence, high interest: bring into the core dialogue.' },
  satisfy: { label: 'Keep satisfied', hint: 'High influence, lower interest: raise their interest.' },
  inform: { label: 'Keep informed', hint: 'Lower influence, high interest: keep them engaged and informed.' },
  monitor: { label: 'Monitor', hint: 'Lower influence, lower interest: watch for changes.' },
};
export const QUADRANT_ORDER: QuadrantId[] = ['satisfy', 'manage', 'monitor', 'inform'];

export const isHigh = (score: number) => score >= 4;

export function quadrantOf(p: { influence: number; interest: number }): QuadrantId {
  const inf = isHigh(p.influence);
  const int = isHigh(p.interest);
  if (inf && int) return 'manage';
  if (inf) return 'satisfy';
  if (int) return 'inform';
  return 'monitor';
}

/** Chart colour and marker shape per engagement stage (the legend shows both, with the label). */
export const STAGE_VISUAL: Record<EngagementStage, { color: string; shape: 'circle' | 'square' | 'diamond' | 'triangle' | 'star' }> = {
  identified: { color: '#64748b', shape: 'circle' },
  approached: { color: '#0284c7', shape: 'square' },
  in_dialogue: { color: '#2563eb', shape: 'diamond' },
  committed: { color: '#059669', shape: 'triangle' },
  champion: { color: '#7c3aed', shape: 'star' },
};

export interface MapPoint {
  id: string;
  name: string;
  kind: PartnerKind;
  stage: EngagementStage;
  influence: number;
  interest: number;
  /** Jittered chart position. */
  x: number;
  y: number;
}

/**
 * Spreads partners that share the same (interest, influence) in a small sunflower pattern around
 * the exact point, so equal scores never hide each other. Deterministic: the same list gives the
 * same picture (sorted by id inside each cell).
 */
export function jitter(partners: ReadonlyArray<Pick<PartnerRow, 'id' | 'name' | 'kind' | 'stage' | 'influence' | 'interest'>>): MapPoint[] {
  const cells = new Map<string, typeof partners[number][]>();
  for (const p of partners) {
    const key = `${p.interest}:${p.influence}`;
    const list = cells.get(key);
    if (list) list.push(p);
    else cells.set(key, [p]);
  }
  const out: MapPoint[] = [];
  const GOLDEN = Math.PI * (3 - Math.sqrt(5));
  for (const list of cells.values()) {
    const sorted = [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    const n = sorted.length;
    const radius = Math.min(0.42, 0.15 + 0.07 * Math.sqrt(n));
    sorted.forEach((p, k) => {
      let dx = 0;
      let dy = 0;
      if (n > 1) {
        const r = radius * Math.sqrt((k + 0.5) / n);
        const theta = k * GOLDEN;
        dx = r * Math.cos(theta);
        dy = r * Math.sin(theta);
      }
      out.push({ id: p.id, name: p.name, kind: p.kind, stage: p.stage, influence: p.influence, interest: p.interest, x: p.interest + dx, y: p.influence + dy });
    });
  }
  return out;
}

export const SCORE_WORDS = ['', 'Very low', 'Low', 'Medium', 'High', 'Very high'] as const;
