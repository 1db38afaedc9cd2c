import type { ReactNode } from 'react';
import { cn } from '../lib/cn.ts';
import { Button } from './Button.tsx';
import { Dialog } from './Dialog.tsx';

export interface ConflictField {
  key: string;
  label: string;
  /** Renders a value for display; defaults to String(value). */
  format?: (value: unknown) => ReactNode;
}

export interface ConflictDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** e.g. "milestone" */
  entity: string;
  /** `error.data.conflict.current`: the record as it is now on the server (with its version). */
  current: Record<string, unknown> | null;
  /** What the user tried to save (any object: a form's values). */
  mine: object | null;
  fields: ConflictField[];
  /** Re-submit the user's values against `current.version`. */
  onApplyMine: (current: Record<string, unknown>) => Promise<unknown> | unknown;
  /** Take the other person's version (reset the form to `current`). */
  onDiscardMine: (current: Record<string, unknown>) => void;
  busy?: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function show(field: ConflictField, value: unknown): ReactNode {
  if (field.format) return field.format(value);
  if (value === null || value === undefined || value === '') return <span className="italic text-slate-400">empty</span>;
  if (Array.isArray(value)) return value.length ? value.join(', ') : <span className="italic text-slate-400">none</span>;
  return String(value);
}

/**
 * Shown when a save hits CONFLICT (someone else saved first). Lists each field with their value
 * and yours; fields that differ are marked "differs" in text, not only by colour.
 */
export function ConflictDialog({ open, onOpenChange, entity, current, mine: mineValues, fields, onApplyMine, onDiscardMine, busy }: ConflictDialogProps) {
  if (!current || !mineValues) return null;
  const mine = mineValues as Record<string, unknown>;
  // Fields that differ first; unchanged ones after, shortened.
  const present = fields.filter((f) => f.key in mine);
  const rows = [...present.filter((f) => !same(current[f.key], mine[f.key])), ...present.filter((f) => same(current[f.key], mine[f.key]))];
  const differing = present.filter((f) => !same(current[f.key], mine[f.key])).length;
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      size="lg"
      title={`Someone else changed this ${entity}`}
      description={`While you were editing, another person saved a newer version (version ${String(current.version)}). ${differing ? (differing === 1 ? '1 field differs.' : `${differing} fields differ.`) : 'Your values match theirs.'} Choose which to keep.`}
      footer={
        <>
          <Button variant="secondary" onClick={() => onDiscardMine(current)} disabled={busy}>
            Discard mine (keep theirs)
          </Button>
          <Button variant="primary" loading={busy} onClick={() => void onApplyMine(current)}>
            Apply mine again
          </Button>
        </>
      }
    >
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">Their version compared with yours</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="py-2 pr-3 font-medium">
                Field
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Theirs (saved)
              </th>
              <th scope="col" className="py-2 font-medium">
                Yours (not saved)
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => {
              const differs = !same(current[f.key], mine[f.key]);
              return (
                <tr key={f.key} className={cn('border-b border-slate-100 align-top', differs && 'bg-amber-50/70')}>
                  <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-700">
                    {f.label}
                    {differs && <span className="ml-1.5 rounded bg-amber-200/70 px-1 text-[11px] font-semibold text-amber-900">differs</span>}
                  </th>
                  <td className={cn('max-w-[16rem] whitespace-pre-wrap break-words py-2 pr-3 text-slate-800', !differs && 'text-slate-500')}>
                    <div className={cn(!differs && 'line-clamp-2')}>{show(f, current[f.key])}</div>
                  </td>
                  <td className={cn('max-w-[16rem] whitespace-pre-wrap break-words py-2 text-slate-800', !differs && 'text-slate-500')}>
                    <div className={cn(!differs && 'line-clamp-2')}>{show(f, mine[f.key])}</div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}
