/** Partner screen model: row types, the form schema (the domain's), quadrant words and stage visuals. */
import {
  CONTRIBUTIONS,
  ENGAGEMENT_STAGES,
  PARTNER_DEFAULTS,
  PARTNER_KINDS,
  partnerFields,
  zPartner,
  type EngagementStage,
  type PartnerFields,
  type PartnerKind,
  type QuadrantId,
} from '@coalition/domain';
import type { RouterOutputs } from '../../lib/trpc.ts';

export { quadrantOf, type QuadrantId } from '@coalition/domain';

export type PartnerRow = RouterOutputs['partner']['list'][number];
export type PartnerDetail = RouterOutputs['partner']['get'];
export type TrackRow = RouterOutputs['track']['list'][number];

export const KINDS = PARTNER_KINDS;
export const STAGES = ENGAGEMENT_STAGES;
export { CONTRIBUTIONS };

/** The partner form: exactly partner.create / partner.update's fields (@coalition/domain). */
export const partnerSchema = zPartner;
export type PartnerFormValues = PartnerFields;

export const EMPTY_PARTNER: PartnerFormValues = PARTNER_DEFAULTS;

/** Form values from a partner row; anything missing or unknown takes the new-partner default. */
export function toFormValues(p: Partial<Record<keyof PartnerFormValues, unknown>>): PartnerFormValues {
  const pick = <K extends keyof PartnerFormValues>(key: K): PartnerFormValues[K] =>
    (partnerFields[key].safeParse(p[key]).data as PartnerFormValues[K] | undefined) ?? PARTNER_DEFAULTS[key];
  return {
    name: String(p.name ?? ''),
    kind: pick('kind'),
    country: String(p.country ?? ''),
    contact: String(p.contact ?? ''),
    contributions: pick('contributions'),
    influence: pick('influence'),
    interest: pick('interest'),
    stage: pick('stage'),
    notes: String(p.notes ?? ''),
    relationshipOwnerId: pick('relationshipOwnerId'),
    positionPublic: pick('positionPublic'),
  };
}

// ---------------------------------------------------------------------------
// Influence–interest quadrants: the domain decides which partner falls where (`quadrantOf`,
// high = 4 or 5, the same threshold as "engage next"); the chart's dividing lines sit at 3.5.
// ---------------------------------------------------------------------------

export const QUADRANTS: Record<QuadrantId, { label: string; hint: string }> = {
  manage: { label: 'Manage closely', hint: 'High influence, high interest: bring into the core dialogue.' },
  satisfy: { label: 'Keep satisfied', hint: 'High influence, lower interest: raise their interest.' },
  inform: { label: 'Keep informed', hint: 'Lower influence, high interest: keep them engaged and informed.' },
  monitor: { label: 'Monitor', hint: 'Lower influence, lower interest: watch for changes.' },
};
export const QUADRANT_ORDER: QuadrantId[] = ['satisfy', 'manage', 'monitor', 'inform'];

/** Chart colour and marker shape per engagement stage (the legend shows both, with the label). */
export const STAGE_VISUAL: Record<EngagementStage, { color: string; shape: 'circle' | 'square' | 'diamond' | 'triangle' | 'star' }> = {
  identified: { color: 'var(--color-slate-500)', shape: 'circle' },
  approached: { color: 'var(--color-sky-600)', shape: 'square' },
  in_dialogue: { color: 'var(--color-blue-600)', shape: 'diamond' },
  committed: { color: 'var(--color-emerald-600)', shape: 'triangle' },
  champion: { color: 'var(--color-violet-600)', shape: 'star' },
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
