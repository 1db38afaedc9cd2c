/** The "Keyboard shortcuts" dialog (`?`): the list the key handler runs, from lib/shortcuts.ts. */
import { Dialog } from '../components/Dialog.tsx';
import { DIALOG_KEYS, isApplePlatform, keysOf, SHORTCUTS, type Shortcut } from '../lib/shortcuts.ts';

export interface CommandPaletteHelpProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Outside a coalition, the screen shortcuts are marked as working inside one only. */
  inCoalition: boolean;
}

/** Between the keys: pressed together, one after the other, or either. */
type Joiner = '+' | 'then' | 'or';

function Keys({ keys, joiner }: { keys: readonly string[]; joiner: Joiner }) {
  return (
    <span className="flex shrink-0 items-center gap-1">
      {keys.map((k, i) => (
        <span key={i} className="flex items-center gap-1">
          {i > 0 && <span className="text-xs text-slate-500">{joiner}</span>}
          <kbd className="min-w-6 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-sans text-xs font-semibold text-slate-700 shadow-[inset_0_-1px_0_rgb(203_213_225)]">
            {k}
          </kbd>
        </span>
      ))}
    </span>
  );
}

function Section({ title, rows }: { title: string; rows: { keys: readonly string[]; joiner: Joiner; label: string; note?: string }[] }) {
  return (
    <section aria-label={title}>
      <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      <dl className="divide-y divide-slate-100">
        {rows.map((r) => (
          <div key={r.label} className="flex items-center justify-between gap-4 py-1.5">
            <dt className="text-sm text-slate-800">
              {r.label}
              {r.note && <span className="ml-1.5 text-xs text-slate-500">{r.note}</span>}
            </dt>
            <dd>
              <Keys keys={r.keys} joiner={r.joiner} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export default function CommandPaletteHelp({ open, onOpenChange, inCoalition }: CommandPaletteHelpProps) {
  const apple = isApplePlatform(navigator.userAgent);
  const row = (s: Shortcut) => ({
    keys: keysOf(s, apple),
    joiner: s.keys[0] === 'Mod' ? ('+' as const) : ('then' as const),
    label: s.label,
    ...(s.inCoalition && !inCoalition ? { note: '(inside a coalition)' } : {}),
  });
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Keyboard shortcuts"
      description="They work anywhere except while you type in a field or a dialog is open."
    >
      <div className="flex flex-col gap-5">
        <Section title="General" rows={SHORTCUTS.filter((s) => s.group === 'General').map(row)} />
        <Section title="Go to" rows={SHORTCUTS.filter((s) => s.group === 'Go to').map(row)} />
        <Section title="In the command palette" rows={DIALOG_KEYS.map((k) => ({ keys: k.keys, joiner: 'or', label: k.label }))} />
      </div>
    </Dialog>
  );
}
