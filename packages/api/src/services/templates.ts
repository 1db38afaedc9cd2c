/** Writes a built-in template's plan into a new coalition: the template is imported as a workspace file. */
import type { Db, Tx } from '@coalition/db';
import { planImport } from '@coalition/domain';
import { templateAsFile, type CoalitionTemplate } from '../templates/index.ts';
import { writeImportPlan } from './transfer.ts';

export interface InstantiateOptions {
  userId: string;
  now: number;
  /** The new coalition's today (completion date of a done milestone that lacks one). */
  today: string;
  /** A new goal date: every template date moves by the same number of days. */
  goalDate?: string | undefined;
  newId: () => string;
}

/**
 * Writes the template's partners, tracks, assignments, milestones, dependencies, bottlenecks and
 * threshold milestones (their eligible partners and acts) into `coalitionId`, in the caller's
 * transaction `tx` (on its raw connection `client`). Throws on an inconsistent template (a
 * programming error); the caller's transaction then writes nothing.
 */
export function instantiateTemplate(tx: Tx, client: Db['$client'], template: CoalitionTemplate, coalitionId: string, opts: InstantiateOptions): void {
  const result = planImport(templateAsFile(template, opts.goalDate), opts);
  if (!result.ok) throw new Error(`Template ${template.id}: ${result.field}: ${result.message}`);
  writeImportPlan(tx, client, coalitionId, result.plan, opts);
}
