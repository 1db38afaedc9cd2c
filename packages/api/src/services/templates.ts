/** Writes a built-in template's plan into a new coalition: the template is imported as a workspace file. */
import type { Db } from '@coalition/db';
import { partnerActs, thresholdEligible } from '@coalition/db/schema';
import { addDays, planImport, type ImportPlan } from '@coalition/domain';
import { templateAsFile, templateShiftDays, type CoalitionTemplate } from '../templates/index.ts';
import { bulkInsert, writeImportPlan } from './transfer.ts';

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
 * Writes the template's partners, tracks, assignments, milestones, dependencies and
 * bottlenecks into `coalitionId`, on the raw connection of the caller's transaction. Throws on
 * an inconsistent template (a programming error); the caller's transaction then writes nothing.
 */
export function instantiateTemplate(client: Db['$client'], template: CoalitionTemplate, coalitionId: string, opts: InstantiateOptions): void {
  const result = planImport(templateAsFile(template, opts.goalDate), opts);
  if (!result.ok) throw new Error(`Template ${template.id}: ${result.field}: ${result.message}`);
  writeImportPlan(client, coalitionId, result.plan);
  writeThresholds(client, template, coalitionId, result.plan, opts);
}

/**
 * The template's threshold milestones (the workspace file has no place for them): each one's act
 * and count, its eligible partners and their acts, dated like everything else (re-based by the same
 * number of days). The plan keeps the template's order, so its rows map back to the keys by index.
 */
function writeThresholds(client: Db['$client'], template: CoalitionTemplate, coalitionId: string, plan: ImportPlan, opts: InstantiateOptions): void {
  const partnerId = new Map(template.partners.map((p, i) => [p.key, plan.partners[i]!.id]));
  const shift = templateShiftDays(template, opts.goalDate);
  const setThreshold = client.prepare('UPDATE milestones SET threshold_act = ?, threshold = ? WHERE id = ? AND coalition_id = ?');
  template.milestones.forEach((m, i) => {
    if (!m.threshold) return;
    const milestoneId = plan.milestones[i]!.id;
    const id = (key: string) => {
      const found = partnerId.get(key);
      if (!found) throw new Error(`Template ${template.id}: threshold of ${m.key}: unknown partner ${key}`);
      return found;
    };
    setThreshold.run(m.threshold.act, m.threshold.count, milestoneId, coalitionId);
    bulkInsert(client, thresholdEligible, m.threshold.eligible.map((key) => ({ coalitionId, milestoneId, partnerId: id(key) })));
    bulkInsert(
      client,
      partnerActs,
      m.threshold.acts.map((a) => ({
        id: opts.newId(),
        coalitionId,
        milestoneId,
        partnerId: id(a.partner),
        act: a.act,
        actedOn: shift === 0 ? a.actedOn : addDays(a.actedOn, shift),
        note: a.note ?? '',
        authorId: opts.userId,
        version: 1,
        createdAt: opts.now,
        updatedAt: opts.now,
      })),
    );
  });
}
