import type { Tx } from '@coalition/db';
import type { CoalitionTemplate } from './types.ts';

export const TEMPLATES: CoalitionTemplate[] = [];
export const TEMPLATE_IDS = ['world-summit-2020', 'ottawa-landmines', 'rome-statute'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
export function getTemplate(id: TemplateId): CoalitionTemplate {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`Unknown template ${id}`);
  return t;
}
export function instantiateTemplate(
  _tx: Tx,
  _template: CoalitionTemplate,
  _coalitionId: string,
  _userId: string,
  _now: number,
  _goalDate?: string,
): void {}
