/** The milestones as RFC 4180 CSV, guarded against formula injection. */
import type { ExportedMilestone } from './format.ts';

export const MILESTONE_CSV_COLUMNS = [
  'id',
  'title',
  'track',
  'status',
  'progress',
  'start_date',
  'due_date',
  'completed_on',
  'owner',
  'depends_on',
  'description',
] as const;

/**
 * One CSV field. Text that a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) gets a leading `'`; a field holding a comma, a
 * double quote or a line break is quoted, with its quotes doubled.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records joined with CRLF, each ending in CRLF. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

export interface CsvInput {
  milestones: readonly Pick<
    ExportedMilestone,
    'id' | 'title' | 'trackId' | 'status' | 'progress' | 'startDate' | 'dueDate' | 'completedOn' | 'ownerPartnerId' | 'description'
  >[];
  tracks: readonly { id: string; name: string }[];
  partners: readonly { id: string; name: string }[];
  dependencies: readonly { milestoneId: string; dependsOnId: string }[];
}

/** The milestones in the given order, one row each, with a header row. */
export function toMilestonesCsv(input: CsvInput): string {
  const trackName = new Map(input.tracks.map((t) => [t.id, t.name]));
  const partnerName = new Map(input.partners.map((p) => [p.id, p.name]));
  const order = new Map(input.milestones.map((m, i) => [m.id, i]));
  const title = new Map(input.milestones.map((m) => [m.id, m.title]));
  const dependsOn = new Map<string, string[]>();
  for (const d of input.dependencies) {
    const list = dependsOn.get(d.milestoneId);
    if (list) list.push(d.dependsOnId);
    else dependsOn.set(d.milestoneId, [d.dependsOnId]);
  }
  const rows = input.milestones.map((m) => [
    m.id,
    m.title,
    m.trackId ? (trackName.get(m.trackId) ?? '') : '',
    m.status,
    m.progress,
    m.startDate,
    m.dueDate,
    m.completedOn,
    m.ownerPartnerId ? (partnerName.get(m.ownerPartnerId) ?? '') : '',
    (dependsOn.get(m.id) ?? [])
      .filter((id) => title.has(id))
      .sort((a, b) => order.get(a)! - order.get(b)!)
      .map((id) => title.get(id)!)
      .join('; '),
    m.description,
  ]);
  return toCsv([MILESTONE_CSV_COLUMNS, ...rows]);
}
