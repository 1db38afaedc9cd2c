import { ChevronDown } from 'lucide-react';
import { useRef, useState, type KeyboardEvent } from 'react';
import { cn } from '../../lib/cn.ts';
import { controlClasses } from '../../components/Input.tsx';

/** Keys that move a closed native select through its options (each one fires `change` in Chromium). */
const BROWSE_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

/**
 * A compact native <select> styled like the kit's controls, for inline edits inside virtualized
 * rows: the kit's Radix Select costs too much to mount dozens of times per scrolled frame with
 * 5,000 rows, while a native select is cheap, keyboard- and screen-reader-friendly, and opens
 * the platform picker on phones. (Kit addition local to this feature.)
 *
 * Browsing is not choosing: on a closed select the arrow keys (and typeahead letters) move through
 * the options and the browser fires `change` for each one. Those are kept as a draft and `onChange`
 * runs once, when the user commits: Enter, leaving the control (blur), or picking from the opened
 * menu with the mouse or Enter. Escape puts the saved value back.
 */
export function InlineSelect<V extends string>({
  value,
  onChange,
  options,
  label,
  disabled,
  className,
  dot,
}: {
  value: V;
  onChange: (v: V) => void;
  options: ReadonlyArray<{ value: V; label: string }>;
  /** Accessible name (e.g. "Status of <title>"). */
  label: string;
  disabled?: boolean;
  className?: string;
  /** A coloured dot before the value (colour always comes with the text). */
  dot?: string | ((v: V) => string);
}) {
  const [draft, setDraft] = useState<V | null>(null);
  // True while the last key pressed on the closed control browses (so its `change` is a draft).
  const browsing = useRef(false);
  const shown = draft ?? value;

  const commit = (v: V | null) => {
    setDraft(null);
    browsing.current = false;
    if (v !== null && v !== value) onChange(v);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLSelectElement>) => {
    if (e.key === 'Enter') {
      if (draft !== null) {
        e.preventDefault();
        commit(draft);
      }
      return;
    }
    if (e.key === 'Escape' && draft !== null) {
      e.preventDefault();
      e.stopPropagation();
      setDraft(null);
      browsing.current = false;
      return;
    }
    // Letters jump by typeahead, and fire change too.
    browsing.current = BROWSE_KEYS.has(e.key) || (e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey);
  };

  const dotClass = typeof dot === 'function' ? dot(shown) : dot;
  return (
    <div className={cn('relative', className)}>
      {dotClass && <span aria-hidden className={cn('pointer-events-none absolute left-2.5 top-1/2 size-1.5 -translate-y-1/2 rounded-full', dotClass)} />}
      <select
        aria-label={label}
        value={shown}
        disabled={disabled}
        data-draft={draft !== null || undefined}
        onKeyDown={onKeyDown}
        onPointerDown={() => {
          browsing.current = false;
        }}
        onChange={(e) => {
          const v = e.target.value as V;
          if (browsing.current) setDraft(v === value ? null : v);
          else commit(v);
        }}
        onBlur={() => commit(draft)}
        className={cn(
          controlClasses,
          'h-8 cursor-pointer appearance-none pr-7 text-[13px] disabled:cursor-not-allowed',
          dotClass ? 'pl-6' : 'pl-2.5',
          draft !== null && 'border-indigo-500 bg-indigo-50',
        )}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ChevronDown aria-hidden className="pointer-events-none absolute right-2 top-1/2 size-4 -translate-y-1/2 text-slate-500" />
    </div>
  );
}
